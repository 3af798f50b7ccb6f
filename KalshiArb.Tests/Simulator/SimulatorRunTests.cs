using System.Diagnostics;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Tests.Pipeline;

using KalshiArb.Tests.Infrastructure;

namespace KalshiArb.Tests.Simulator;

public sealed class SimulatorRunTests
{
    [Fact]
    public async Task Running_never_outpaces_the_configured_rate_and_counts_what_it_wrote()
    {
        var live = new MarketSimulator(new() { EventsPerSecond = 1_000 }, TimeProvider.System);
        var channel = new MarketEventChannel(1_000_000, TimeProvider.System);
        using var cts = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        Task run = live.RunAsync(channel.Writer, cts.Token);

        await Poll.UntilAsync(() => channel.Written >= 500);
        await cts.CancelAsync();
        await run;
        double elapsed = clock.Elapsed.TotalSeconds;

        // Event i is due at i / rate seconds after the start, so by the time the run ended at most
        // elapsed * rate + 1 events can have been written.
        Assert.InRange(channel.Written, 500, (long)(elapsed * 1_000) + 1);
        Assert.Equal(channel.Written, live.Metrics.Messages);
        Assert.False(live.Metrics.Connected);

        // Stamped with the real hand-over time: receive stamps never go backwards and moves are at least 1 µs apart.
        DateTime previous = DateTime.MinValue;
        while (channel.TryRead(out MarketEvent e))
        {
            Assert.True(e.ReceivedAt == previous || e.ReceivedAt >= previous.AddTicks(TimeSpan.TicksPerMicrosecond), $"{e.ReceivedAt:O} after {previous:O}");
            Assert.True(e.ReceivedAt <= DateTime.UtcNow.AddMilliseconds(5), "stamped in the future");
            previous = e.ReceivedAt;
        }
    }

    [Fact]
    public async Task A_full_channel_makes_the_simulator_wait_and_loses_nothing()
    {
        var live = new MarketSimulator(new() { EventsPerSecond = 100_000 }, TimeProvider.System);
        var channel = new MarketEventChannel(16, TimeProvider.System);
        using var cts = new CancellationTokenSource();
        Task run = live.RunAsync(channel.Writer, cts.Token);

        // Nobody reads yet: the 16 slots fill and the writer has to wait.
        await Poll.UntilAsync(() => channel.BlockedWrites >= 1);
        Assert.Equal(16, channel.Depth);

        var read = new List<MarketEvent>();
        while (read.Count < 20_000)
        {
            if (channel.TryRead(out MarketEvent e))
            {
                read.Add(e);
            }
            else
            {
                await channel.WaitToReadAsync(CancellationToken.None);
            }
        }

        await cts.CancelAsync();
        await run;
        while (channel.TryRead(out MarketEvent e))
        {
            read.Add(e);
        }

        Assert.Equal(channel.Written, read.Count);
        Assert.Equal(channel.Written, live.Metrics.Messages);
        Assert.True(channel.BlockedWrites >= 1);

        // Every book's sequence runs 1, 2, 3, ... with no hole: nothing was dropped on the way.
        var lastSeq = new Dictionary<string, long>();
        foreach (MarketEvent e in read)
        {
            (string? ticker, long seq) = e switch
            {
                BookSnapshot s => (s.Ticker, s.Seq),
                BookDelta d => (d.Ticker, d.Seq),
                _ => (null, 0L),
            };
            if (ticker is not null)
            {
                Assert.Equal(lastSeq.GetValueOrDefault(ticker) + 1, seq);
                lastSeq[ticker] = seq;
            }
        }
    }
}
