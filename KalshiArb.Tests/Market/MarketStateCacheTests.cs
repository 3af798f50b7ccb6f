using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Tests.Market;

/// <summary>Ask ladders and quote snapshots are derived once per change and reused between changes; they must follow every change.</summary>
public sealed class MarketStateCacheTests
{
    private const string Ticker = "KXNBAGAME-25NOV29LALBOS-LAL";
    private static readonly DateTime T0 = new(2026, 11, 29, 20, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_delta_changes_the_ladder_of_the_side_it_touches_and_leaves_the_other_as_it_was()
    {
        var state = new MarketState();
        // YES bids 0.35 × 100, 0.30 × 50 -> NO asks 0.65 × 100, 0.70 × 50; NO bids 0.60 × 100 -> YES ask 0.40 × 100.
        state.Apply(new BookSnapshot(Ticker, [new BookLevel(0.35m, 100), new BookLevel(0.30m, 50)], [new BookLevel(0.60m, 100)], 1, T0, T0));
        KalshiAsks yesBefore = state.GetAsks(Ticker, Side.Yes)!;
        KalshiAsks noBefore = state.GetAsks(Ticker, Side.No)!;
        Assert.Equal([new BookLevel(0.65m, 100), new BookLevel(0.70m, 50)], noBefore.Levels);

        // A NO bid at 0.62 × 30 joins: YES asks become 0.38 × 30, 0.40 × 100; the NO asks do not move.
        state.Apply(new BookDelta(Ticker, Side.No, 0.62m, 30m, 2, T0.AddSeconds(1), T0.AddSeconds(1)));
        KalshiAsks yesAfter = state.GetAsks(Ticker, Side.Yes)!;
        KalshiAsks noAfter = state.GetAsks(Ticker, Side.No)!;

        Assert.Equal([new BookLevel(0.40m, 100)], yesBefore.Levels);
        Assert.Equal([new BookLevel(0.38m, 30), new BookLevel(0.40m, 100)], yesAfter.Levels);
        Assert.Equal(0.38m, state.BestAsk(Ticker, Side.Yes));
        Assert.Same(noBefore.Levels, noAfter.Levels);
        Assert.Equal(T0.AddSeconds(1), noAfter.ReceivedAt);

        // Taking the 0.30 YES bid away then changes the NO ladder (0.70 × 50 gone).
        state.Apply(new BookDelta(Ticker, Side.Yes, 0.30m, -50m, 3, T0.AddSeconds(2), T0.AddSeconds(2)));
        Assert.Equal([new BookLevel(0.65m, 100)], state.GetAsks(Ticker, Side.No)!.Levels);
    }

    [Fact]
    public void A_level_whose_digits_change_rebuilds_the_ladder()
    {
        var state = new MarketState();
        state.Apply(new BookSnapshot(Ticker, [], [new BookLevel(0.60m, 100)], 1, T0, T0));
        KalshiAsks before = state.GetAsks(Ticker, Side.Yes)!;

        // Same value, other scale (100 -> 100.0): still rebuilt, so what is shown is what the book holds now.
        state.Apply(new BookSnapshot(Ticker, [], [new BookLevel(0.60m, 100.0m)], 2, T0, T0));
        KalshiAsks after = state.GetAsks(Ticker, Side.Yes)!;
        Assert.NotSame(before.Levels, after.Levels);
        Assert.Equal("100.0", after.Levels[0].Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Every_quote_publishes_a_new_snapshot_and_the_same_one_is_returned_between_quotes()
    {
        var state = new MarketState();
        SportsbookQuote Quote(string outcome, int american) => new(
            "evt", "basketball_nba", "draftkings", "h2h", outcome, null, american, OddsMath.AmericanToDecimal(american),
            OddsMath.AmericanToImplied(american), 0.5m, DevigMethod.Multiplicative, T0, T0);

        Assert.Empty(state.GetQuoteSnapshot("evt", "h2h"));
        state.Apply(Quote("Lakers", -150));
        var first = state.GetQuoteSnapshot("evt", "h2h");
        Assert.True(first == state.GetQuoteSnapshot("evt", "h2h"));

        state.Apply(Quote("Lakers", -140));
        var second = state.GetQuoteSnapshot("evt", "h2h");
        Assert.False(first == second);
        Assert.Equal(-150, Assert.Single(first).American);
        Assert.Equal(-140, Assert.Single(second).American);
        Assert.Equal(second, state.GetQuotes("evt", "h2h"));
    }
}
