using System.Text.Json;
using KalshiArb.Ingestion.Model;
using KalshiArb.Tests.Infrastructure;

namespace KalshiArb.Tests.Feeds;

/// <summary>The transport: gzip asked for and undone, each quote keeping its book's last_update.</summary>
public sealed class OddsApiTransportTests
{
    [Fact]
    public async Task Responses_are_asked_for_gzipped_and_each_quote_keeps_the_books_last_update()
    {
        await using FakeOddsServer server = await FakeOddsServer.StartAsync((200, OddsApiSamples.TwoEvents));
        await using OddsApiFeedHarness poller = OddsApiFeedHarness.Start(server, _ => { });

        await Poll.UntilAsync(() => poller.Events.OfType<SportsbookQuote>().Count == OddsApiSamples.TwoEventsQuoteCount, "24 quotes");

        Assert.Contains("gzip", Assert.Single(server.AcceptEncodings), StringComparison.Ordinal);
        Assert.Equal(0, poller.Feed.Metrics.ParseErrors);
        using JsonDocument sample = JsonDocument.Parse(OddsApiSamples.TwoEvents);
        foreach (JsonElement sportsEvent in sample.RootElement.EnumerateArray())
        {
            foreach (JsonElement book in sportsEvent.GetProperty("bookmakers").EnumerateArray())
            {
                foreach (JsonElement market in book.GetProperty("markets").EnumerateArray())
                {
                    DateTime lastUpdate = (market.TryGetProperty("last_update", out JsonElement m) ? m : book.GetProperty("last_update")).GetDateTime().ToUniversalTime();
                    Assert.All(
                        poller.Events.OfType<SportsbookQuote>().Where(q => q.EventId == sportsEvent.GetProperty("id").GetString() && q.Book == book.GetProperty("key").GetString() && q.MarketType == market.GetProperty("key").GetString()),
                        q => Assert.Equal(lastUpdate, q.ExchangeTs));
                }
            }
        }
    }
}
