using KalshiArb.Ingestion.Model;

namespace KalshiArb.Tests.Simulator;

/// <summary>The simulated Kalshi markets' L2 books, ticks and trades are consistent with one another.</summary>
public sealed class SimulatedKalshiBookTests
{
    private static readonly DateTime Start = SimulatorTestKit.Start.UtcDateTime;

    [Fact]
    public void Books_start_with_a_snapshot_count_up_by_one_and_agree_with_every_tick()
    {
        var books = new Dictionary<string, (SortedDictionary<decimal, decimal> Yes, SortedDictionary<decimal, decimal> No, long Seq)>();
        int ticks = 0;
        int deltas = 0;
        foreach (MarketEvent e in SimulatorTestKit.Create().Generate(30_000, Start))
        {
            switch (e)
            {
                case BookSnapshot s:
                    Assert.False(books.ContainsKey(s.Ticker), $"second snapshot for {s.Ticker}");
                    Assert.Equal(1, s.Seq);
                    books[s.Ticker] = (new(s.YesBids.ToDictionary(l => l.Price, l => l.Size)), new(s.NoBids.ToDictionary(l => l.Price, l => l.Size)), s.Seq);
                    break;
                case BookDelta d:
                    deltas++;
                    Assert.True(books.ContainsKey(d.Ticker), $"delta before snapshot for {d.Ticker}");
                    var book = books[d.Ticker];
                    Assert.Equal(book.Seq + 1, d.Seq);
                    books[d.Ticker] = book with { Seq = d.Seq };
                    SortedDictionary<decimal, decimal> side = d.Side == Side.Yes ? book.Yes : book.No;
                    decimal size = side.GetValueOrDefault(d.Price) + d.Delta;
                    Assert.True(size >= 0, $"{d.Ticker} {d.Side} {d.Price} went to {size}");
                    if (size == 0)
                    {
                        side.Remove(d.Price);
                    }
                    else
                    {
                        side[d.Price] = size;
                    }

                    AssertOnGrid(d.Price);
                    // Never crossed, even between the deltas of one move: best YES bid + best NO bid < $1.
                    if (book.Yes.Count > 0 && book.No.Count > 0)
                    {
                        Assert.True(book.Yes.Keys.Max() + book.No.Keys.Max() < 1m, $"{d.Ticker} crossed at seq {d.Seq}");
                    }

                    break;
                case KalshiTick t:
                    ticks++;
                    var b = books[t.Ticker];
                    // Best YES bid is the tick's YES bid; best NO bid is 1 - YES ask (NO bids back the YES ask).
                    Assert.Equal(b.Yes.Keys.Max(), t.YesBid);
                    Assert.Equal(1m - b.No.Keys.Max(), t.YesAsk);
                    Assert.Equal(b.Yes[t.YesBid!.Value], t.YesBidSize);
                    Assert.Equal(b.No[1m - t.YesAsk!.Value], t.YesAskSize);
                    Assert.InRange(t.YesAsk.Value - t.YesBid.Value, 0.01m, 0.03m);
                    AssertOnGrid(t.YesBid.Value);
                    AssertOnGrid(t.YesAsk.Value);
                    break;
            }
        }

        Assert.Equal(24, books.Count);
        Assert.True(ticks > 1_000, $"only {ticks} ticks");
        Assert.True(deltas > 5_000, $"only {deltas} deltas");
    }

    [Fact]
    public void Trades_happen_at_the_quote_and_add_to_volume()
    {
        var lastTick = new Dictionary<string, KalshiTick>();
        var volume = new Dictionary<string, decimal>();
        KalshiTrade? pending = null;
        var tradeIds = new HashSet<string>();
        foreach (MarketEvent e in SimulatorTestKit.Create().Generate(20_000, Start))
        {
            if (e is KalshiTrade trade)
            {
                KalshiTick before = lastTick[trade.Ticker];
                // A YES taker lifts the YES ask; a NO taker lifts the NO ask (1 - YES bid), i.e. trades at the YES bid.
                Assert.Equal(trade.TakerSide == Side.Yes ? before.YesAsk : before.YesBid, trade.YesPrice);
                Assert.Equal(1m, trade.YesPrice + trade.NoPrice);
                Assert.True(trade.Count >= 1);
                Assert.True(tradeIds.Add(trade.TradeId), $"trade id {trade.TradeId} repeated");
                volume[trade.Ticker] = volume.GetValueOrDefault(trade.Ticker) + trade.Count;
                pending = trade;
            }
            else if (e is KalshiTick tick)
            {
                lastTick[tick.Ticker] = tick;
                Assert.Equal(volume.GetValueOrDefault(tick.Ticker), tick.Volume);
                if (pending is not null && pending.Ticker == tick.Ticker)
                {
                    Assert.Equal(pending.YesPrice, tick.LastPrice);
                    pending = null;
                }
            }
        }

        Assert.True(tradeIds.Count > 200, $"only {tradeIds.Count} trades");
    }

    private static void AssertOnGrid(decimal price)
    {
        Assert.InRange(price, 0.01m, 0.99m);
        Assert.Equal(decimal.Round(price, 2), price);
    }
}
