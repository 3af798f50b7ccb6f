using KalshiArb.Ingestion.Model;

namespace KalshiArb.Tests.Simulator;

/// <summary>A seeded simulator repeats itself, and stamps its events on the virtual clock with venue stamps that only move forward.</summary>
public sealed class SimulatorClockTests
{
    private static readonly DateTime Start = SimulatorTestKit.Start.UtcDateTime;

    [Fact]
    public void The_same_seed_gives_the_same_events()
    {
        string[] first = SimulatorTestKit.Create(seed: 7).Generate(5_000, Start).Select(SimulatorTestKit.Describe).ToArray();
        string[] second = SimulatorTestKit.Create(seed: 7).Generate(5_000, Start).Select(SimulatorTestKit.Describe).ToArray();
        string[] other = SimulatorTestKit.Create(seed: 8).Generate(5_000, Start).Select(SimulatorTestKit.Describe).ToArray();

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Events_are_stamped_on_the_virtual_clock()
    {
        // 200 events/s: event i is received at start + i * 5 ms; events of one market move share its stamp,
        // so a stamp is never later than its index implies and never earlier than the previous event's.
        MarketEvent[] events = SimulatorTestKit.Create(eventsPerSecond: 200).Generate(1_000, Start).ToArray();
        for (int i = 0; i < events.Length; i++)
        {
            Assert.True(events[i].ReceivedAt <= Start.AddMilliseconds(5 * i), $"event {i} received at {events[i].ReceivedAt:O}");
            Assert.True(events[i].ExchangeTs <= events[i].ReceivedAt, $"event {i} stamped after it was received");
            if (i > 0)
            {
                Assert.True(events[i].ReceivedAt >= events[i - 1].ReceivedAt);
            }
        }

        Assert.Equal(Start.AddMilliseconds(5 * 999), events[^1].ReceivedAt, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Venue_stamps_move_forward_so_storage_keys_never_collide()
    {
        // QuestDB deduplicates ticks on (ts, ticker) and odds on (ts, event, book, market, outcome): a repeated
        // stamp would silently merge two rows, so each key's stamps must strictly increase.
        var lastTick = new Dictionary<string, DateTime>();
        var lastQuote = new Dictionary<(string, string, string), DateTime>();
        foreach (MarketEvent e in SimulatorTestKit.Create(eventsPerSecond: 100_000).Generate(50_000, Start))
        {
            if (e is KalshiTick t)
            {
                Assert.True(!lastTick.TryGetValue(t.Ticker, out DateTime previous) || t.ExchangeTs > previous, $"{t.Ticker} stamp repeated");
                lastTick[t.Ticker] = t.ExchangeTs;
            }
            else if (e is SportsbookQuote q)
            {
                var key = (q.EventId, q.Book, q.Outcome);
                Assert.True(!lastQuote.TryGetValue(key, out DateTime previous) || q.ExchangeTs > previous, $"{key} stamp repeated");
                lastQuote[key] = q.ExchangeTs;
            }
        }
    }
}
