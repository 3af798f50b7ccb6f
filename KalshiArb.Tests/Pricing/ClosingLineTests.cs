using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using static KalshiArb.Tests.Storage.HistoryFixtures;

namespace KalshiArb.Tests.Pricing;

public sealed class ClosingLineTests
{
    [Fact]
    public void Kalshi_close_is_the_last_trade_else_the_midpoint_else_none()
    {
        KalshiTick tick = Tick("T", Noon, 0.44m, 0.47m) with { LastPrice = 0.41m };

        Assert.Equal(0.41m, ClosingLine.KalshiYesClose(tick));
        // No trade: (0.44 + 0.47) / 2 = 0.455.
        Assert.Equal(0.455m, ClosingLine.KalshiYesClose(tick with { LastPrice = null }));
        Assert.Null(ClosingLine.KalshiYesClose(tick with { LastPrice = null, YesAsk = null }));
        Assert.Null(ClosingLine.KalshiYesClose(null));
    }

    [Fact]
    public void Consensus_counts_the_sharp_books_when_they_quote_else_every_book()
    {
        SportsbookQuote[] withPinnacle =
        [
            Quote("e", "pinnacle", "Lakers", Noon.AddMinutes(-5), 0.52m),
            Quote("e", "pinnacle", "Lakers", Noon.AddMinutes(-1), 0.54m),
            Quote("e", "circasports", "Lakers", Noon.AddMinutes(-3), 0.56m),
            Quote("e", "draftkings", "Lakers", Noon.AddMinutes(-1), 0.60m),
            Quote("e", "pinnacle", "Celtics", Noon.AddMinutes(-1), 0.46m),
        ];

        SharpClose sharp = ClosingLine.Consensus(withPinnacle, "Lakers")!;

        // Pinnacle's later line 0.54 and Circa's 0.56; DraftKings left out: (0.54 + 0.56) / 2 = 0.55.
        Assert.Equal(0.55m, sharp.Probability);
        Assert.Equal(["circasports", "pinnacle"], sharp.Books);
        Assert.True(sharp.SharpOnly);

        SportsbookQuote[] softOnly = [Quote("e", "draftkings", "Lakers", Noon, 0.60m), Quote("e", "fanduel", "Lakers", Noon, 0.56m)];
        SharpClose all = ClosingLine.Consensus(softOnly, "Lakers")!;

        // (0.60 + 0.56) / 2 = 0.58.
        Assert.Equal(0.58m, all.Probability);
        Assert.Equal(["draftkings", "fanduel"], all.Books);
        Assert.False(all.SharpOnly);
        Assert.Null(ClosingLine.Consensus(softOnly, "Celtics"));
    }

    [Theory]
    [InlineData(Side.Yes, false, 0.54)]
    [InlineData(Side.No, false, 0.46)]
    [InlineData(Side.Yes, true, 0.46)]
    [InlineData(Side.No, true, 0.54)]
    public void A_leg_pays_on_the_outcome_unless_the_side_or_the_mapping_flips_it(Side side, bool inverted, double expected) =>
        Assert.Equal((decimal)expected, ClosingLine.LegProbability(0.54m, side, inverted));

    [Fact]
    public void Clv_is_close_minus_price_per_contract_in_percent_of_the_price_and_in_dollars()
    {
        // 100 bought at 0.45, close 0.50: +0.05 a contract; 0.05 / 0.45 = 11.11%; 100 x 0.05 = $5.00.
        ClvFigure up = ClosingLine.Of(0.45m, 0.50m, 100m);
        Assert.Equal(0.05m, up.Points);
        Assert.Equal(11.11m, Math.Round(up.Pct, 2));
        Assert.Equal(5.00m, up.Dollars);
        Assert.True(up.BeatClose);

        // 50 bought at 0.55, close 0.46: −0.09; −0.09 / 0.55 = −16.36%; 50 x −0.09 = −$4.50.
        ClvFigure down = ClosingLine.Of(0.55m, 0.46m, 50m);
        Assert.Equal(-0.09m, down.Points);
        Assert.Equal(-16.36m, Math.Round(down.Pct, 2));
        Assert.Equal(-4.50m, down.Dollars);
        Assert.False(down.BeatClose);

        // At the close exactly: not beating it.
        Assert.False(ClosingLine.Of(0.50m, 0.50m, 1m).BeatClose);
        Assert.Throws<ArgumentOutOfRangeException>(() => ClosingLine.Of(0m, 0.5m, 1m));
    }
}
