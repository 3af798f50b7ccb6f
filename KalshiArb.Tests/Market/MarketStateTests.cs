using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Tests.Market;

public sealed class MarketStateTests
{
    private const string Ticker = "KXNBAGAME-25NOV29LALBOS-LAL";
    private static readonly DateTime T0 = new(2026, 11, 29, 20, 0, 0, DateTimeKind.Utc);

    private static KalshiTick Tick(DateTime at) => new(Ticker, 0.45m, 0.47m, 300, 150, 0.46m, 1000, 500, at, at);

    [Fact]
    public void Best_ask_comes_from_the_trusted_book_and_from_the_tick_without_one()
    {
        var state = new MarketState();
        state.Apply(Tick(T0));

        // No book yet: YES ask 0.47 × 150 from the tick; NO ask = 1 − 0.45 = 0.55 × 300 (the YES bid's size).
        KalshiAsks tickYes = state.GetAsks(Ticker, Side.Yes)!;
        Assert.False(tickYes.FromBook);
        Assert.Equal([new BookLevel(0.47m, 150)], tickYes.Levels);
        Assert.Equal([new BookLevel(0.55m, 300)], state.GetAsks(Ticker, Side.No)!.Levels);

        // Book: NO bids 0.54 × 50, 0.53 × 20 -> YES asks 0.46 × 50, 0.47 × 20; YES bid 0.45 × 300 -> NO ask 0.55 × 300.
        state.Apply(new BookSnapshot(Ticker, [new BookLevel(0.45m, 300)], [new BookLevel(0.53m, 20), new BookLevel(0.54m, 50)], 1, T0.AddSeconds(1), T0.AddSeconds(1)));
        KalshiAsks bookYes = state.GetAsks(Ticker, Side.Yes)!;
        Assert.True(bookYes.FromBook);
        Assert.True(bookYes.Trusted);
        Assert.Equal([new BookLevel(0.46m, 50), new BookLevel(0.47m, 20)], bookYes.Levels);
        Assert.Equal(T0.AddSeconds(1), bookYes.ReceivedAt);
    }

    [Fact]
    public void A_negative_level_or_integrity_loss_is_visible_to_readers()
    {
        var state = new MarketState();
        state.Apply(new BookSnapshot(Ticker, [new BookLevel(0.45m, 300)], [new BookLevel(0.53m, 20)], 1, T0, T0));
        state.Apply(new BookDelta(Ticker, Side.No, 0.53m, -30, 2, T0, T0)); // 20 − 30 < 0
        Assert.False(state.GetBook(Ticker)!.Trusted);
        Assert.False(state.GetAsks(Ticker, Side.Yes)!.Trusted);
        Assert.Equal(1, state.NegativeLevels);

        state.Apply(new BookSnapshot(Ticker, [new BookLevel(0.45m, 300)], [new BookLevel(0.53m, 20)], 10, T0, T0));
        Assert.True(state.GetBook(Ticker)!.Trusted);
        state.Apply(new BookIntegrityChanged(Ticker, false, "sequence gap", T0, T0));
        Assert.False(state.GetBook(Ticker)!.Trusted);
    }

    [Fact]
    public void Best_ask_for_display_falls_back_to_the_tick_while_the_book_is_untrusted()
    {
        var state = new MarketState();
        state.Apply(Tick(T0)); // YES ask 0.47, YES bid 0.45
        state.Apply(new BookSnapshot(Ticker, [new BookLevel(0.44m, 10)], [new BookLevel(0.54m, 50)], 1, T0, T0));
        Assert.Equal(0.46m, state.BestAsk(Ticker, Side.Yes)); // 1 − 0.54 from the book
        Assert.Equal(0.56m, state.BestAsk(Ticker, Side.No));  // 1 − 0.44 from the book

        state.Apply(new BookIntegrityChanged(Ticker, false, "sequence gap", T0, T0));
        Assert.Equal(0.47m, state.BestAsk(Ticker, Side.Yes)); // the tick's YES ask
        Assert.Equal(0.55m, state.BestAsk(Ticker, Side.No));  // 1 − the tick's YES bid 0.45
        Assert.Null(state.BestAsk("UNKNOWN", Side.Yes));
    }

    [Fact]
    public void Status_changes_tradability_and_trades_change_nothing()
    {
        var state = new MarketState();
        Assert.True(state.IsTradable(Ticker, T0));
        Assert.True(state.Apply(new MarketStatusChanged(Ticker, "closed", T0, T0)));
        Assert.False(state.IsTradable(Ticker, T0));
        Assert.True(state.Apply(new MarketStatusChanged(Ticker, "open", T0, T0)));
        Assert.True(state.IsTradable(Ticker, T0));
        Assert.False(state.Apply(new KalshiTrade(Ticker, "t1", 0.5m, 0.5m, 10, Side.Yes, T0, T0)));
    }

    [Fact]
    public void A_market_past_its_close_time_is_not_tradable_whatever_its_status()
    {
        var state = new MarketState();
        Assert.True(state.Apply(new MarketStatusChanged(Ticker, "active", T0, T0, CloseTime: T0.AddMinutes(10))));
        Assert.True(state.IsTradable(Ticker, T0.AddMinutes(9)));
        Assert.False(state.IsTradable(Ticker, T0.AddMinutes(10)));

        // Kalshi moves the close earlier (a game ending early): from then on, no longer tradable.
        Assert.True(state.Apply(new MarketCloseTimeChanged(Ticker, T0.AddMinutes(5), T0, T0)));
        Assert.False(state.IsTradable(Ticker, T0.AddMinutes(6)));
    }

    [Fact]
    public void A_crossed_book_is_rejected_and_counted()
    {
        var state = new MarketState();

        // YES bid 0.60 and NO bid 0.45: YES ask 1 − 0.45 = 0.55 < 0.60, which Kalshi would have matched.
        state.Apply(new BookSnapshot(Ticker, [new BookLevel(0.60m, 10m)], [new BookLevel(0.45m, 10m)], 1, T0, T0));

        Assert.False(state.GetBook(Ticker)!.Trusted);
        Assert.Equal(1, state.CrossedBooks);

        // A sound book (0.60 + 0.39 < 1) is trusted; a delta that crosses it (NO bid 0.40: 0.60 + 0.40 = 1) is not.
        state.Apply(new BookSnapshot(Ticker, [new BookLevel(0.60m, 10m)], [new BookLevel(0.39m, 10m)], 2, T0, T0));
        Assert.True(state.GetBook(Ticker)!.Trusted);
        state.Apply(new BookDelta(Ticker, Side.No, 0.40m, 5m, 3, T0, T0));
        Assert.False(state.GetBook(Ticker)!.Trusted);
        Assert.Equal(2, state.CrossedBooks);
    }

    [Fact]
    public void Sportsbook_quotes_keep_the_latest_per_book_and_outcome()
    {
        var state = new MarketState();
        state.Apply(Quote("draftkings", "Los Angeles Lakers", -120, T0));
        state.Apply(Quote("draftkings", "Boston Celtics", 100, T0));
        state.Apply(Quote("draftkings", "Los Angeles Lakers", -130, T0.AddSeconds(5)));
        state.Apply(Quote("fanduel", "Los Angeles Lakers", -125, T0));

        IReadOnlyList<SportsbookQuote> quotes = state.GetQuotes("evt1", "h2h");
        Assert.Equal(3, quotes.Count);
        Assert.Equal(-130, quotes.Single(q => q.Book == "draftkings" && q.Outcome == "Los Angeles Lakers").American);
        Assert.Empty(state.GetQuotes("evt1", "totals"));
    }

    private static SportsbookQuote Quote(string book, string outcome, int american, DateTime at)
    {
        decimal d = OddsMath.AmericanToDecimal(american);
        return new SportsbookQuote("evt1", "basketball_nba", book, "h2h", outcome, null, american, d, 1m / d, 0.5m, DevigMethod.Multiplicative, at, at);
    }
}
