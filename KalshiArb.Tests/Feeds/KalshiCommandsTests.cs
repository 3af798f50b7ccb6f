using System.Text;
using KalshiArb.Ingestion.Feeds.Kalshi;

namespace KalshiArb.Tests.Feeds;

public sealed class KalshiCommandsTests
{
    [Fact]
    public void Commands_have_the_documented_shapes()
    {
        Assert.Equal(
            """{"id":1,"cmd":"subscribe","params":{"channels":["orderbook_delta"],"market_tickers":["A","B"]}}""",
            Encoding.UTF8.GetString(KalshiCommands.Subscribe(1, "orderbook_delta", ["A", "B"])));
        Assert.Equal(
            """{"id":2,"cmd":"subscribe","params":{"channels":["market_lifecycle_v2"]}}""",
            Encoding.UTF8.GetString(KalshiCommands.Subscribe(2, "market_lifecycle_v2", [])));
        Assert.Equal(
            """{"id":3,"cmd":"update_subscription","params":{"sids":[7],"action":"get_snapshot"}}""",
            Encoding.UTF8.GetString(KalshiCommands.UpdateSubscription(3, 7, KalshiCommands.GetSnapshotAction)));
        Assert.Equal(
            """{"id":5,"cmd":"update_subscription","params":{"sids":[7],"market_tickers":["C"],"action":"add_markets"}}""",
            Encoding.UTF8.GetString(KalshiCommands.UpdateSubscription(5, 7, KalshiCommands.AddMarketsAction, ["C"])));
        Assert.Equal(
            """{"id":4,"cmd":"unsubscribe","params":{"sids":[7,8]}}""",
            Encoding.UTF8.GetString(KalshiCommands.Unsubscribe(4, [7, 8])));
    }
}
