using System.Text.Json;
using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Feeds.Kalshi;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Ingestion.Pricing;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Feeds;

/// <summary>
/// The Kalshi client against a fake server that speaks the formats of Kalshi's AsyncAPI spec (docs/venues.md):
/// one test per finding of the venue-conformance review.
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

    [Fact]
    public async Task Unknown_types_are_counted_once_logged_and_error_codes_are_explained_on_health()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync();
        await feed.SubscribedAsync();

        await feed.Server.SendAsync("""{"type":"ticker_v3","sid":7,"msg":{"market_ticker":"X"}}""");
        await feed.Server.SendAsync("""{"type":"ticker_v3","sid":7,"msg":{"market_ticker":"X"}}""");
        await feed.Server.SendLifecycleAsync("event_lifecycle", """{"event_ticker":"KXNBAGAME-26NOV29LALBOS","exchange_index":0,"title":"Lakers at Celtics","subtitle":"Nov 29","collateral_return_type":"MECNET","series_ticker":"KXNBAGAME"}""");
        await feed.Server.SendLifecycleAsync("market_lifecycle_v2", $$$"""{"market_ticker":"{{{T}}}","event_type":"price_level_structure_updated","price_level_structure":"deci_cent","price_ranges":[{"start":"0.0000","end":"1.0000","step":"0.0010"}]}""");
        await feed.Server.SendErrorAsync(26, "Subscription market limit exceeded", 3);
        await Poll.UntilAsync(() => feed.Client.GetHealth().Message.Contains("26", StringComparison.Ordinal), "error 26 on health");

        Assert.Equal(2, feed.Client.Metrics.UnknownMessages);
        Assert.Equal(0, feed.Client.Metrics.ParseErrors);
        Assert.Equal(2, feed.Client.GetHealth().Figures["unknown_messages"]);
        Assert.Contains("markets beyond the per-subscription limit get no data", feed.Client.GetHealth().Message, StringComparison.Ordinal);

        // 25: messages were lost; the client says so and subscribes afresh.
        await feed.Server.SendErrorAsync(25, "Subscription buffer overflow");
        await Poll.UntilAsync(() => feed.Server.CommandsOf(1, "subscribe").Count() == 8, "a fresh set of subscriptions");
        Assert.Contains("messages were lost", feed.Client.GetHealth().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_market_past_its_close_or_deactivated_is_not_tradable_though_quotes_still_arrive()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync();
        await feed.SubscribedAsync();
        DateTime now = DateTime.UtcNow;
        long open = new DateTimeOffset(now.AddHours(-1)).ToUnixTimeSeconds();
        long close = new DateTimeOffset(now.AddHours(2)).ToUnixTimeSeconds();
        long closedEarly = new DateTimeOffset(now.AddMinutes(-1)).ToUnixTimeSeconds();
        await feed.Server.SendLifecycleAsync("market_lifecycle_v2", $$$"""{"market_ticker":"{{{T}}}","exchange_index":0,"open_ts":{{{open}}},"close_ts":{{{close}}},"event_type":"created","price_level_structure":"linear_cent"}""");
        await feed.Server.SendLifecycleAsync("market_lifecycle_v2", $$$"""{"market_ticker":"{{{T}}}","event_type":"activated"}""");
        await Poll.UntilAsync(() => feed.Events.OfType<MarketStatusChanged>().Count == 2, "created and activated");
        var state = new MarketState();
        foreach (MarketEvent e in feed.Events.Events)
        {
            state.Apply(e);
        }

        Assert.True(state.IsTradable(T, now));

        // The game ended early: Kalshi moves the close into the past. Quotes keep coming; the market takes no orders.
        await feed.Server.SendLifecycleAsync("market_lifecycle_v2", $$$"""{"market_ticker":"{{{T}}}","event_type":"close_date_updated","close_ts":{{{closedEarly}}}}""");
        long tickerSid = feed.Server.SidByChannel["ticker"];
        await feed.Server.SendAsync($$$"""{"type":"ticker","sid":{{{tickerSid}}},"msg":{"market_ticker":"{{{T}}}","price_dollars":"0.4800","yes_bid_dollars":"0.4500","yes_ask_dollars":"0.5300","volume_fp":"10.00","open_interest_fp":"5.00","yes_bid_size_fp":"300.00","yes_ask_size_fp":"150.00","ts_ms":1764460801000}}""");
        await Poll.UntilAsync(() => feed.Events.OfType<KalshiTick>().Count == 1, "the tick");
        foreach (MarketEvent e in feed.Events.Events.Where(e => e is MarketCloseTimeChanged or KalshiTick))
        {
            state.Apply(e);
        }

        Assert.False(state.IsTradable(T, now));

        // Deactivated (paused) with the close back in the future: still not tradable.
        await feed.Server.SendLifecycleAsync("market_lifecycle_v2", $$$"""{"market_ticker":"{{{T}}}","event_type":"close_date_updated","close_ts":{{{close}}}}""");
        await feed.Server.SendLifecycleAsync("market_lifecycle_v2", $$$"""{"market_ticker":"{{{T}}}","event_type":"deactivated","is_deactivated":true}""");
        await Poll.UntilAsync(() => feed.Events.OfType<MarketStatusChanged>().Count == 3, "deactivated");
        state.Apply(feed.Events.OfType<MarketCloseTimeChanged>()[^1]);
        Assert.True(state.IsTradable(T, now));
        state.Apply(feed.Events.OfType<MarketStatusChanged>()[^1]);
        Assert.False(state.IsTradable(T, now));
        Assert.Equal(0, feed.Client.Metrics.ParseErrors);
    }

    [Fact]
    public async Task An_event_fee_override_reprices_an_open_opportunity_at_once()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync();
        await feed.SubscribedAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(Detection.LakersAtCeltics.T0));
        DateTime now = time.GetUtcNow().UtcDateTime;
        var state = new MarketState();
        var mappings = new MappingRegistry();
        var detector = new Detector(state, mappings, new FeeScheduleRegistry(), new DetectionOptions { MinEdgePct = 0m, MinProfitDollars = 0m }, time);
        mappings.Upsert(Detection.LakersAtCeltics.Mapping());
        List<Opportunity> Feed(MarketEvent e) => state.Apply(e) ? [.. detector.OnEvent(e).Where(o => o.Kind == OpportunityKind.PositiveEv)] : [];

        // One book at +100 / −100: fair 0.5. YES ask 0.40 × 100 (NO bid 0.60).
        Feed(Detection.LakersAtCeltics.Quote("draftkings", Detection.LakersAtCeltics.Lakers, 100, now));
        Feed(Detection.LakersAtCeltics.Quote("draftkings", Detection.LakersAtCeltics.Celtics, -100, now));
        Opportunity opened = Assert.Single(Feed(Detection.LakersAtCeltics.Book(now, new BookLevel(0.60m, 100))));

        // Standard quadratic fee: 0.07 × 0.40 × 0.60 = $0.0168 a contract, 1.68 for 100; booked one fill per contract,
        // the ordinary member's debit 40 + 1.68 = 41.68 is whole cents, so the last cent of rounding is not refunded:
        // 41.69 (docs/pricing.md). Fee 1.69; profit 100 × 0.5 − 41.69 = 8.31.
        Assert.Equal((OpportunityState.Open, 100m, 1.69m, 8.31m), (opened.State, opened.Size, opened.Fee, opened.Profit));

        // Kalshi halves the event's fee: 0.035 × 100 × 0.24 = 0.84; debit 40.84 whole cents → 40.85; profit 50 − 40.85 = 9.15.
        await feed.Server.SendLifecycleAsync("event_fee_update", """{"event_ticker":"KXNBAGAME-25NOV29LALBOS","fee_type_override":"quadratic","fee_multiplier_override":0.5}""");
        await feed.Server.SendLifecycleAsync("event_fee_update", """{"event_ticker":"KXNBAGAME-25NOV29LALBOS","fee_type_override":null,"fee_multiplier_override":null}""");
        await Poll.UntilAsync(() => feed.Events.OfType<EventFeeOverrideChanged>().Count == 2, "both fee updates");
        Opportunity repriced = Assert.Single(Feed(feed.Events.OfType<EventFeeOverrideChanged>()[0]));
        Assert.Equal((OpportunityState.Update, opened.OpportunityId, 0.85m, 9.15m), (repriced.State, repriced.OpportunityId, repriced.Fee, repriced.Profit));

        // Cleared: the series' fee again.
        Opportunity restored = Assert.Single(Feed(feed.Events.OfType<EventFeeOverrideChanged>()[1]));
        Assert.Equal((1.69m, 8.31m), (restored.Fee, restored.Profit));
    }

    [Fact]
    public async Task Scheduled_series_fee_changes_apply_from_their_time()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync();
        feed.Server.FeeChanges.Enqueue("""{"id":"fc-1","series_ticker":"KXNBAGAME","fee_type":"quadratic_with_maker_fees","fee_multiplier":0.5,"scheduled_ts":"2026-12-01T00:00:00Z"}""");
        feed.Server.FeeChanges.Enqueue("""{"id":"fc-2","series_ticker":"KXNBAGAME","fee_type":"exotic_new_type","fee_multiplier":1,"scheduled_ts":"2026-12-02T00:00:00Z"}""");
        using var http = new HttpClient();
        using var rest = new KalshiRestClient(http, Microsoft.Extensions.Options.Options.Create(new KalshiOptions { RestUrl = feed.Server.RestUrl }), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<KalshiRestClient>.Instance);

        IReadOnlyList<ScheduledFeeChange> changes = await rest.GetSeriesFeeChangesAsync(TestContext.Current.CancellationToken);
        var fees = new FeeScheduleRegistry();
        fees.SetScheduledChanges("KXNBAGAME", changes);

        // The type it cannot price is left out; the other takes effect at its time, not before.
        ScheduledFeeChange change = Assert.Single(changes);
        Assert.Equal(new ScheduledFeeChange("KXNBAGAME", KalshiFeeType.QuadraticWithMakerFees, 0.5m, new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc)), change);
        Assert.Equal((KalshiFeeType.Quadratic, 1m), Terms(fees.ForTicker("KXNBAGAME-26DEC01LALBOS-LAL", change.EffectiveAt.AddTicks(-1))));
        Assert.Equal((KalshiFeeType.QuadraticWithMakerFees, 0.5m), Terms(fees.ForTicker("KXNBAGAME-26DEC01LALBOS-LAL", change.EffectiveAt)));

        static (KalshiFeeType, decimal) Terms(SeriesFeeSchedule schedule) => (schedule.FeeType, schedule.Multiplier);
    }
}
