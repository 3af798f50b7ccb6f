using System.Text.Json;
using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Feeds.Kalshi;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Feeds;

/// <summary>
/// The Kalshi client against a fake server that speaks the formats of Kalshi's AsyncAPI spec (docs/venues.md):
/// one test per finding of the venue-conformance review on books, trades and sequencing.
/// </summary>
public sealed class KalshiVenueConformanceTests
{
    private const string T = KalshiFeedHarness.Ticker;

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public async Task The_book_is_read_under_the_convention_asked_for_whatever_Kalshi_defaults_to(bool clientAsksYesPrice, bool serverDefaultIsYesPrice)
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync(useYesPrice: clientAsksYesPrice);
        feed.Server.DefaultUseYesPrice = serverDefaultIsYesPrice;
        await feed.SubscribedAsync();

        // Sub-cent prices (deci-cent grid) and fractional sizes, NO bids on the NO leg.
        feed.Server.SetBook(T, [(0.4200m, 100.50m), (0.4150m, 20.25m)], [(0.5500m, 30.75m), (0.5615m, 12.50m)]);
        await feed.Server.SendSnapshotAsync(T);
        await feed.Server.SendDeltaAsync(T, "no", 0.5615m, -12.50m);
        await feed.Server.SendDeltaAsync(T, "yes", 0.4175m, 3.33m);
        await feed.Server.SendDeltaAsync(T, "no", 0.5500m, -0.75m);
        await Poll.UntilAsync(() => feed.Events.OfType<BookDelta>().Count == 3, "three deltas");

        JsonElement subscribe = feed.Server.CommandsOf(1, "subscribe").Single(c => c.GetProperty("params").GetProperty("channels")[0].GetString() == "orderbook_delta");
        Assert.Equal(clientAsksYesPrice, subscribe.GetProperty("params").GetProperty("use_yes_price").GetBoolean());

        var state = new MarketState();
        foreach (MarketEvent e in feed.Events.Events)
        {
            state.Apply(e);
        }

        // Server's book after the deltas: YES 0.42 × 100.5, 0.4175 × 3.33, 0.415 × 20.25; NO 0.55 × 30.
        BookView book = state.GetBook(T)!;
        Assert.True(book.Trusted);
        Assert.Equal(feed.Server.Book(T).Yes, book.YesBids.ToDictionary(l => l.Price, l => l.Size));
        Assert.Equal(feed.Server.Book(T).No, book.NoBids.ToDictionary(l => l.Price, l => l.Size));
        Assert.Equal(new Dictionary<decimal, decimal> { [0.55m] = 30m }, feed.Server.Book(T).No);

        // What one can buy: YES at 1 − 0.55 = 0.45 (30 contracts), NO at 1 − 0.42 = 0.58 (100.5 contracts).
        Assert.Equal([new BookLevel(0.45m, 30m)], state.GetAsks(T, Side.Yes)!.Levels);
        Assert.Equal(new BookLevel(0.58m, 100.5m), state.GetAsks(T, Side.No)!.Levels[0]);
        Assert.Equal(0, state.CrossedBooks);
    }

    [Fact]
    public async Task A_book_read_under_the_wrong_convention_is_rejected_and_counted()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync(useYesPrice: false);
        feed.Server.AlwaysYesPrice = true;
        await feed.SubscribedAsync();

        // NO bid 0.30 goes out as 0.70 (YES leg) though the client asked for the NO leg: read as a NO bid of 0.70,
        // the YES ask would be 0.30, below the YES bid of 0.60.
        feed.Server.SetBook(T, [(0.60m, 10m)], [(0.30m, 10m)]);
        await feed.Server.SendSnapshotAsync(T);
        await Poll.UntilAsync(() => feed.Events.OfType<BookSnapshot>().Count == 1, "the snapshot");

        var state = new MarketState();
        foreach (MarketEvent e in feed.Events.Events)
        {
            state.Apply(e);
        }

        Assert.False(state.GetBook(T)!.Trusted);
        Assert.Equal(1, state.CrossedBooks);
        Assert.False(state.GetAsks(T, Side.Yes)!.Trusted);
    }

    [Fact]
    public async Task Fractional_sizes_add_up_exactly_and_the_retired_cent_fields_are_still_read()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync();
        await feed.SubscribedAsync();
        feed.Server.SetBook(T, [(0.123456m, 0.37m)], []);
        await feed.Server.SendSnapshotAsync(T);
        await feed.Server.SendDeltaAsync(T, "yes", 0.123456m, 0.63m);   // 0.37 + 0.63 = 1.00
        await feed.Server.SendDeltaAsync(T, "yes", 0.123456m, -1.00m);  // 1.00 − 1.00 = 0: the level goes

        // A message in the retired integer-cent fields only: 45 cents, 10 contracts.
        await feed.Server.SendOnOrderBookAsync("orderbook_delta", $$$"""{"market_ticker":"{{{T}}}","price":45,"delta":10,"side":"yes"}""");
        await Poll.UntilAsync(() => feed.Events.OfType<BookDelta>().Count == 3 || feed.Client.Metrics.ParseErrors > 0, "three deltas");

        Assert.Equal(0, feed.Client.Metrics.ParseErrors);
        var state = new MarketState();
        foreach (MarketEvent e in feed.Events.Events)
        {
            state.Apply(e);
        }

        BookView book = state.GetBook(T)!;
        Assert.True(book.Trusted);
        Assert.Equal([new BookLevel(0.45m, 10m)], book.YesBids);
    }

    [Fact]
    public async Task Trade_direction_comes_from_the_outcome_side_and_a_trade_without_one_is_kept()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync();
        await feed.SubscribedAsync();
        long sid = feed.Server.SidByChannel["trade"];
        string Trade(int seq, string id, string sides) =>
            $$$"""{"type":"trade","sid":{{{sid}}},"seq":{{{seq}}},"msg":{"trade_id":"{{{id}}}","market_ticker":"{{{T}}}","yes_price_dollars":"0.3600","no_price_dollars":"0.6400","count_fp":"136.50",{{{sides}}}"is_block_trade":false,"ts":1669149841,"ts_ms":1669149841000}}""";

        // The spec's example carries all three; where they disagree the canonical one wins.
        await feed.Server.SendAsync(Trade(1, "t-1", "\"taker_side\":\"yes\",\"taker_outcome_side\":\"no\",\"taker_book_side\":\"ask\","));
        await feed.Server.SendAsync(Trade(2, "t-2", "\"taker_book_side\":\"bid\","));
        await feed.Server.SendAsync(Trade(3, "t-3", "\"taker_side\":\"no\","));
        await feed.Server.SendAsync(Trade(4, "t-4", ""));
        await Poll.UntilAsync(() => feed.Events.OfType<KalshiTrade>().Count == 4 || feed.Client.Metrics.ParseErrors > 0, "four trades");

        Assert.Equal(0, feed.Client.Metrics.ParseErrors);
        Assert.Equal(
            [("t-1", (Side?)Side.No), ("t-2", Side.Yes), ("t-3", Side.No), ("t-4", null)],
            feed.Events.OfType<KalshiTrade>().Select(t => (t.TradeId, t.TakerSide)));
        Assert.All(feed.Events.OfType<KalshiTrade>(), t => Assert.Equal((0.36m, 0.64m, 136.5m), (t.YesPrice, t.NoPrice, t.Count)));
    }

    [Fact]
    public async Task A_snapshot_out_of_sequence_resyncs_the_other_markets_with_a_get_snapshot_naming_them()
    {
        const string A = "KXNBAGAME-26NOV29LALBOS-BOS";
        const string B = "KXNBAGAME-26NOV29LALBOS-LAL";
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync(tickers: [A, B]);
        await feed.SubscribedAsync();
        feed.Server.SetBook(A, [(0.40m, 100m)], [(0.55m, 100m)]);
        feed.Server.SetBook(B, [(0.50m, 100m)], [(0.45m, 100m)]);
        await feed.Server.SendSnapshotAsync(A);                       // seq 1
        await feed.Server.SendSnapshotAsync(B);                       // seq 2
        await feed.Server.SendDeltaAsync(B, "yes", 0.50m, 5m);        // seq 3
        await feed.Server.SendDeltaAsync(A, "yes", 0.40m, -60m, lose: true); // seq 4, lost on the way
        await feed.Server.SendSnapshotAsync(B);                       // seq 5

        // The gap is seen at B's snapshot: A's book is untrusted and asked for by name; the server answers with it.
        await Poll.UntilAsync(() => feed.Events.OfType<BookSnapshot>().Count(s => s.Ticker == A) == 2, "A's fresh snapshot");
        JsonElement resync = feed.Server.CommandsOf(1, "update_subscription").Single().GetProperty("params");
        Assert.Equal("get_snapshot", resync.GetProperty("action").GetString());
        Assert.Equal([A], resync.GetProperty("market_tickers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, feed.Client.Metrics.SequenceGaps);
        Assert.Equal([true, true, false, true], feed.Events.OfType<BookIntegrityChanged>().Where(b => b.Ticker == A || b.Ticker == B).Select(b => b.Trusted));

        var state = new MarketState();
        foreach (MarketEvent e in feed.Events.Events)
        {
            state.Apply(e);
        }

        // A: 100 − 60 = 40 at 0.40, as the server holds it.
        Assert.Equal(feed.Server.Book(A).Yes, state.GetBook(A)!.YesBids.ToDictionary(l => l.Price, l => l.Size));
        Assert.Equal(40m, feed.Server.Book(A).Yes[0.40m]);
        Assert.True(state.GetBook(A)!.Trusted);
        Assert.True(state.GetBook(B)!.Trusted);
    }

    [Fact]
    public async Task A_delta_gap_asks_for_snapshots_of_every_market_of_the_subscription_by_name()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync();
        await feed.SubscribedAsync();
        feed.Server.SetBook(T, [(0.40m, 100m)], [(0.55m, 100m)]);
        await feed.Server.SendSnapshotAsync(T);
        await feed.Server.SendDeltaAsync(T, "yes", 0.40m, 1m, lose: true);
        await feed.Server.SendDeltaAsync(T, "yes", 0.40m, 2m);

        // Without market_tickers the server answers error 14 instead of a snapshot.
        await Poll.UntilAsync(() => feed.Events.OfType<BookSnapshot>().Count == 2, "the requested snapshot");
        JsonElement resync = feed.Server.CommandsOf(1, "update_subscription").Single().GetProperty("params");
        Assert.Equal([T], resync.GetProperty("market_tickers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(103m, feed.Events.OfType<BookSnapshot>()[1].YesBids.Single().Size); // 100 + 1 + 2
    }
}
