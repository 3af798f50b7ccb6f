using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Tests.Market;

public sealed class OrderBookTests
{
    private const string Ticker = "KXNBAGAME-25NOV29LALBOS-LAL";
    private static readonly DateTime T0 = new(2026, 11, 29, 20, 0, 0, DateTimeKind.Utc);

    private static BookSnapshot Snapshot(long seq = 5) => new(
        Ticker,
        [new BookLevel(0.45m, 300), new BookLevel(0.44m, 100)],
        [new BookLevel(0.53m, 20), new BookLevel(0.54m, 50)],
        seq,
        T0,
        T0);

    private static BookDelta Delta(Side side, decimal price, decimal delta, long seq) => new(Ticker, side, price, delta, seq, T0.AddSeconds(seq), T0.AddSeconds(seq));

    [Fact]
    public void Snapshot_then_deltas_build_the_book_best_first()
    {
        var book = new OrderBook(Ticker);
        book.ApplySnapshot(Snapshot());
        Assert.True(book.ApplyDelta(Delta(Side.Yes, 0.45m, -100, 6)));   // 300 − 100 = 200
        Assert.True(book.ApplyDelta(Delta(Side.No, 0.54m, -50, 7)));     // 50 − 50 = 0 -> removed
        Assert.True(book.ApplyDelta(Delta(Side.Yes, 0.46m, 10, 8)));     // new level (0.46 + best NO 0.53 < 1: not crossed)

        BookView view = book.ToView();
        Assert.Equal([new BookLevel(0.46m, 10), new BookLevel(0.45m, 200), new BookLevel(0.44m, 100)], view.YesBids);
        Assert.Equal([new BookLevel(0.53m, 20)], view.NoBids);
        Assert.True(view.Trusted);
        Assert.Equal(8, view.Seq);
        Assert.Equal(T0.AddSeconds(8), view.UpdatedAt);
    }

    [Fact]
    public void Non_consecutive_deltas_apply_because_kalshi_numbers_per_subscription()
    {
        // Seq 6 and 8 went to other markets of the same subscription.
        var book = new OrderBook(Ticker);
        book.ApplySnapshot(Snapshot());
        Assert.True(book.ApplyDelta(Delta(Side.Yes, 0.45m, 5, 7)));
        Assert.True(book.ApplyDelta(Delta(Side.Yes, 0.45m, 5, 9)));
        Assert.True(book.Trusted);
        Assert.Equal(310m, book.ToView().YesBids[0].Size); // 300 + 5 + 5
    }

    [Fact]
    public void An_integrity_loss_marks_the_book_untrusted_until_the_next_snapshot()
    {
        var book = new OrderBook(Ticker);
        book.ApplySnapshot(Snapshot());
        book.SetIntegrity(new BookIntegrityChanged(Ticker, false, "sequence gap on sid 2", T0, T0));
        Assert.False(book.Trusted);

        // After a resubscription the new subscription's numbering starts low again.
        book.ApplySnapshot(Snapshot(1));
        Assert.True(book.Trusted);
        Assert.True(book.ApplyDelta(Delta(Side.Yes, 0.45m, 1, 2)));
    }

    [Fact]
    public void A_delta_driving_a_level_negative_marks_untrusted_and_is_counted()
    {
        var book = new OrderBook(Ticker);
        book.ApplySnapshot(Snapshot());
        book.ApplyDelta(Delta(Side.No, 0.53m, -25, 6)); // 20 − 25 = −5
        Assert.False(book.Trusted);
        Assert.Equal(1, book.NegativeLevelCount);
        Assert.DoesNotContain(book.ToView().NoBids, level => level.Price == 0.53m);
    }

    [Fact]
    public void A_replayed_delta_is_ignored()
    {
        var book = new OrderBook(Ticker);
        book.ApplySnapshot(Snapshot());
        Assert.True(book.ApplyDelta(Delta(Side.Yes, 0.45m, 1, 6)));
        Assert.False(book.ApplyDelta(Delta(Side.Yes, 0.45m, 1, 6)));
        Assert.Equal(301m, book.ToView().YesBids.Single(l => l.Price == 0.45m).Size);
        Assert.True(book.Trusted);
    }

    [Fact]
    public void A_book_is_untrusted_before_its_first_snapshot()
    {
        var book = new OrderBook(Ticker);
        Assert.False(book.ToView().Trusted);
    }
}
