using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pipeline;

namespace KalshiArb.Tests.Pipeline;

public sealed class MarketEventChannelTests
{
    private static readonly DateTime At = new(2026, 11, 29, 18, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_full_channel_makes_writers_wait_and_counts_the_wait()
    {
        var channel = new MarketEventChannel(2, TimeProvider.System);
        Assert.True(channel.Writer.TryWrite(Status("A")));
        await channel.Writer.WriteAsync(Status("B"), TestContext.Current.CancellationToken);
        Assert.False(channel.Writer.TryWrite(Status("C")));

        ValueTask blocked = channel.Writer.WriteAsync(Status("C"), TestContext.Current.CancellationToken);
        Assert.False(blocked.IsCompleted);
        Assert.Equal(1, channel.BlockedWrites);
        Assert.Equal(2, channel.Depth);

        Assert.True(channel.TryRead(out MarketEvent first));
        await blocked;

        Assert.Equal("A", ((MarketStatusChanged)first).Ticker);
        Assert.Equal(3, channel.Written);
        Assert.Equal(1, channel.Read);
        Assert.Equal(2, channel.Depth);
        Assert.True(channel.TryRead(out MarketEvent second));
        Assert.True(channel.TryRead(out MarketEvent third));
        Assert.Equal(["B", "C"], new[] { second, third }.Cast<MarketStatusChanged>().Select(s => s.Ticker));
    }

    [Fact]
    public void A_feed_completing_its_writer_does_not_close_the_shared_channel()
    {
        var channel = new MarketEventChannel(4, TimeProvider.System);
        Assert.False(channel.Writer.TryComplete());
        Assert.True(channel.Writer.TryWrite(Status("A")));
        Assert.Equal(1, channel.Written);
    }

    private static MarketStatusChanged Status(string ticker) => new(ticker, "open", At, At);
}
