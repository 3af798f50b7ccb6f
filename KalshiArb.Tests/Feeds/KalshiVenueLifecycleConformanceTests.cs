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
/// one test per finding of the venue-conformance review on message types, error codes, market lifecycle and fees.
/// </summary>
public sealed class KalshiVenueLifecycleConformanceTests
{
    private const string T = KalshiFeedHarness.Ticker;

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
