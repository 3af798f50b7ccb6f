using KalshiArb.Ingestion.Abstractions;
using System.Text.Json;
using System.Threading.Channels;
using KalshiArb.Ingestion.Feeds.Kalshi;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

using KalshiArb.Tests.Infrastructure;

namespace KalshiArb.Tests.Feeds;

public sealed class KalshiFeedTests
{
    private const string T = KalshiFeedHarness.Ticker;

    [Fact]
    public async Task Handshake_is_signed_verifiably_and_all_channels_are_subscribed()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync();
        await feed.SubscribedAsync();

        Assert.Empty(feed.Server.AuthFailures);
        Assert.Equal(1, feed.Server.VerifiedHandshakes);
        var channels = feed.Server.CommandsOf(1, "subscribe")
            .Select(c => c.GetProperty("params"))
            .ToDictionary(p => p.GetProperty("channels")[0].GetString()!, p => p);
        Assert.Equal(["market_lifecycle_v2", "orderbook_delta", "ticker", "trade"], channels.Keys.Order());
        foreach (string channel in new[] { "ticker", "trade", "orderbook_delta" })
        {
            Assert.Equal([T], channels[channel].GetProperty("market_tickers").EnumerateArray().Select(e => e.GetString()));
        }

        // Lifecycle takes no market filter.
        Assert.False(channels["market_lifecycle_v2"].TryGetProperty("market_tickers", out _));
        Assert.True(feed.Client.Metrics.Connected);
    }

    [Fact]
    public async Task Snapshot_and_deltas_build_the_right_book_and_ticker_and_trade_are_parsed()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync();
        await feed.SubscribedAsync();
        long sid = feed.OrderBookSid;

        await feed.Server.SendAsync($$$"""{"type":"orderbook_snapshot","sid":{{{sid}}},"seq":1,"msg":{"market_ticker":"{{{T}}}","yes_dollars_fp":[["0.0800","300.00"],["0.1000","50.00"]],"no_dollars_fp":[["0.5400","20.00"]]}}""");
        await feed.Server.SendAsync($$$"""{"type":"orderbook_delta","sid":{{{sid}}},"seq":2,"msg":{"market_ticker":"{{{T}}}","price_dollars":"0.0800","delta_fp":"-100.00","side":"yes","ts_ms":1764460800000}}""");
        await feed.Server.SendAsync($$$"""{"type":"orderbook_delta","sid":{{{sid}}},"seq":3,"msg":{"market_ticker":"{{{T}}}","price_dollars":"0.5500","delta_fp":"10.00","side":"no","ts_ms":1764460800100}}""");
        await feed.Server.SendAsync($$$"""{"type":"orderbook_delta","sid":{{{sid}}},"seq":4,"msg":{"market_ticker":"{{{T}}}","price_dollars":"0.1000","delta_fp":"-50.00","side":"yes","ts_ms":1764460800200}}""");
        long tickerSid = feed.Server.SidByChannel["ticker"];
        await feed.Server.SendAsync($$$"""{"type":"ticker","sid":{{{tickerSid}}},"msg":{"market_ticker":"{{{T}}}","price_dollars":"0.480","yes_bid_dollars":"0.450","yes_ask_dollars":"0.530","yes_bid_size_fp":"300.00","yes_ask_size_fp":"150.00","volume_fp":"33896.00","open_interest_fp":"20422.00","ts_ms":1764460801000}}""");
        long tradeSid = feed.Server.SidByChannel["trade"];
        await feed.Server.SendAsync($$$"""{"type":"trade","sid":{{{tradeSid}}},"msg":{"market_ticker":"{{{T}}}","trade_id":"t-1","yes_price_dollars":"0.4800","no_price_dollars":"0.5200","count_fp":"12.00","taker_side":"no","ts_ms":1764460802000}}""");

        await Poll.UntilAsync(() => feed.Events.OfType<KalshiTrade>().Count == 1, "the trade");
        Assert.Single(feed.Events.OfType<BookSnapshot>());
        Assert.Equal(3, feed.Events.OfType<BookDelta>().Count);
        BookIntegrityChanged restored = Assert.Single(feed.Events.OfType<BookIntegrityChanged>());
        Assert.True(restored.Trusted);

        // yes: 0.08 300 - 100 = 200; 0.10 50 - 50 = 0 (gone). no: 0.54 20; 0.55 0 + 10 = 10.
        (Dictionary<decimal, decimal> yes, Dictionary<decimal, decimal> no) = Rebuild(feed.Events.Events);
        Assert.Equal(new Dictionary<decimal, decimal> { [0.08m] = 200m }, yes);
        Assert.Equal(new Dictionary<decimal, decimal> { [0.54m] = 20m, [0.55m] = 10m }, no);

        KalshiTick tick = Assert.Single(feed.Events.OfType<KalshiTick>());
        Assert.Equal((0.45m, 0.53m, 300m, 150m, 0.48m, 33896m, 20422m), (tick.YesBid, tick.YesAsk, tick.YesBidSize, tick.YesAskSize, tick.LastPrice, tick.Volume, tick.OpenInterest));
        Assert.Equal(new DateTime(2025, 11, 30, 0, 0, 1, DateTimeKind.Utc), tick.ExchangeTs);
        KalshiTrade trade = feed.Events.OfType<KalshiTrade>()[0];
        Assert.Equal(("t-1", 0.48m, 0.52m, 12m, Side.No), (trade.TradeId, trade.YesPrice, trade.NoPrice, trade.Count, trade.TakerSide));
        Assert.Equal(0, feed.Client.Metrics.ParseErrors);
        Assert.Equal(0, feed.Client.Metrics.SequenceGaps);
    }

    [Fact]
    public async Task Skipped_sequence_number_requests_a_snapshot_and_the_book_is_right_afterwards()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync();
        await feed.SubscribedAsync();
        long sid = feed.OrderBookSid;

        await feed.Server.SendAsync($$$"""{"type":"orderbook_snapshot","sid":{{{sid}}},"seq":1,"msg":{"market_ticker":"{{{T}}}","yes_dollars_fp":[["0.4000","100.00"]],"no_dollars_fp":[["0.5000","100.00"]]}}""");
        await feed.Server.SendAsync($$$"""{"type":"orderbook_delta","sid":{{{sid}}},"seq":2,"msg":{"market_ticker":"{{{T}}}","price_dollars":"0.4000","delta_fp":"5.00","side":"yes"}}""");

        // seq 3 never arrives.
        await feed.Server.SendAsync($$$"""{"type":"orderbook_delta","sid":{{{sid}}},"seq":4,"msg":{"market_ticker":"{{{T}}}","price_dollars":"0.4000","delta_fp":"7.00","side":"yes"}}""");
        await Poll.UntilAsync(() => feed.Server.CommandsOf(1, "update_subscription").Any(), "a get_snapshot request");
        JsonElement resync = feed.Server.CommandsOf(1, "update_subscription").Single().GetProperty("params");
        Assert.Equal("get_snapshot", resync.GetProperty("action").GetString());
        Assert.Equal([sid], resync.GetProperty("sids").EnumerateArray().Select(e => e.GetInt64()));
        await Poll.UntilAsync(() => feed.Events.OfType<BookIntegrityChanged>().Any(b => !b.Trusted), "the book marked untrusted");
        Assert.Equal(1, feed.Client.Metrics.SequenceGaps);

        // A delta before the fresh snapshot is superseded by it, and not reported as another gap.
        await feed.Server.SendAsync($$$"""{"type":"orderbook_delta","sid":{{{sid}}},"seq":5,"msg":{"market_ticker":"{{{T}}}","price_dollars":"0.4000","delta_fp":"9.00","side":"yes"}}""");
        await feed.Server.SendAsync($$$"""{"type":"orderbook_snapshot","sid":{{{sid}}},"seq":6,"msg":{"market_ticker":"{{{T}}}","yes_dollars_fp":[["0.4100","30.00"]],"no_dollars_fp":[["0.5000","80.00"]]}}""");
        await feed.Server.SendAsync($$$"""{"type":"orderbook_delta","sid":{{{sid}}},"seq":7,"msg":{"market_ticker":"{{{T}}}","price_dollars":"0.5000","delta_fp":"-30.00","side":"no"}}""");

        await Poll.UntilAsync(() => feed.Events.OfType<BookDelta>().Any(d => d.Seq == 7), "the delta after the fresh snapshot");
        Assert.Equal([true, false, true], feed.Events.OfType<BookIntegrityChanged>().Select(b => b.Trusted));
        Assert.Equal([2L, 7L], feed.Events.OfType<BookDelta>().Select(d => d.Seq));
        Assert.Equal(1, feed.Client.Metrics.SequenceGaps);

        // Fresh snapshot yes 0.41 30; no 0.50 80 - 30 = 50.
        (Dictionary<decimal, decimal> yes, Dictionary<decimal, decimal> no) = Rebuild(feed.Events.Events);
        Assert.Equal(new Dictionary<decimal, decimal> { [0.41m] = 30m }, yes);
        Assert.Equal(new Dictionary<decimal, decimal> { [0.50m] = 50m }, no);
    }

    [Fact]
    public async Task Ok_reply_on_the_order_book_subscription_is_part_of_the_sequence()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync();
        await feed.SubscribedAsync();
        long sid = feed.OrderBookSid;
        await feed.Server.SendAsync($$$"""{"type":"orderbook_snapshot","sid":{{{sid}}},"seq":1,"msg":{"market_ticker":"{{{T}}}","yes_dollars_fp":[["0.3000","1.00"]]}}""");

        // As documented for update_subscription: the ok reply carries the sid and the next seq.
        await feed.Server.SendAsync($$$"""{"id":99,"sid":{{{sid}}},"seq":2,"type":"ok","msg":{"market_tickers":["{{{T}}}"]}}""");
        await feed.Server.SendAsync($$$"""{"type":"orderbook_delta","sid":{{{sid}}},"seq":3,"msg":{"market_ticker":"{{{T}}}","price_dollars":"0.3000","delta_fp":"2.00","side":"yes"}}""");

        await Poll.UntilAsync(() => feed.Events.OfType<BookDelta>().Count == 1, "the delta after the ok");
        Assert.Equal(0, feed.Client.Metrics.SequenceGaps);
        Assert.Empty(feed.Server.CommandsOf(1, "update_subscription"));
    }

    [Fact]
    public async Task Refused_snapshot_request_falls_back_to_a_new_order_book_subscription()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync();
        await feed.SubscribedAsync();
        long sid = feed.OrderBookSid;
        await feed.Server.SendAsync($$$"""{"type":"orderbook_snapshot","sid":{{{sid}}},"seq":1,"msg":{"market_ticker":"{{{T}}}","yes_dollars_fp":[],"no_dollars_fp":[]}}""");
        await feed.Server.SendAsync($$$"""{"type":"orderbook_delta","sid":{{{sid}}},"seq":3,"msg":{"market_ticker":"{{{T}}}","price_dollars":"0.4000","delta_fp":"7.00","side":"yes"}}""");
        await Poll.UntilAsync(() => feed.Server.CommandsOf(1, "update_subscription").Any(), "a get_snapshot request");
        long requestId = feed.Server.CommandsOf(1, "update_subscription").Single().GetProperty("id").GetInt64();

        await feed.Server.SendAsync($$$"""{"id":{{{requestId}}},"type":"error","msg":{"code":13,"msg":"Unsupported action"}}""");

        await Poll.UntilAsync(() => feed.Server.CommandsOf(1, "subscribe").Count() == 5, "a fifth subscribe");
        JsonElement renewed = feed.Server.CommandsOf(1, "subscribe").Last().GetProperty("params");
        Assert.Equal("orderbook_delta", renewed.GetProperty("channels")[0].GetString());
        JsonElement unsubscribe = Assert.Single(feed.Server.CommandsOf(1, "unsubscribe"));
        Assert.Equal([sid], unsubscribe.GetProperty("params").GetProperty("sids").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public async Task Buffer_overflow_error_resubscribes_every_channel()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync();
        await feed.SubscribedAsync();

        await feed.Server.SendAsync("""{"type":"error","msg":{"code":25,"msg":"Buffer overflow"}}""");

        await Poll.UntilAsync(() => feed.Server.CommandsOf(1, "subscribe").Count() == 8, "four more subscribes");
        JsonElement unsubscribe = Assert.Single(feed.Server.CommandsOf(1, "unsubscribe"));
        Assert.Equal(4, unsubscribe.GetProperty("params").GetProperty("sids").GetArrayLength());
    }

    [Fact]
    public async Task Dropped_connection_reconnects_resubscribes_and_untrusts_books()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync();
        await feed.SubscribedAsync();
        await feed.Server.SendAsync($$$"""{"type":"orderbook_snapshot","sid":{{{feed.OrderBookSid}}},"seq":1,"msg":{"market_ticker":"{{{T}}}","yes_dollars_fp":[["0.3000","1.00"]]}}""");
        await Poll.UntilAsync(() => feed.Events.OfType<BookIntegrityChanged>().Count == 1, "the book trusted");

        feed.Server.Drop();

        await feed.SubscribedAsync(connection: 2);
        Assert.Equal(1, feed.Client.Metrics.Reconnects);
        Assert.Equal(2, feed.Server.VerifiedHandshakes);
        Assert.Empty(feed.Server.AuthFailures);
        await Poll.UntilAsync(() => feed.Events.OfType<BookIntegrityChanged>().Count == 2, "the book untrusted");
        Assert.False(feed.Events.OfType<BookIntegrityChanged>()[1].Trusted);
        await Poll.UntilAsync(() => feed.Client.Metrics.Connected, "connected again");
    }

    [Fact]
    public async Task Malformed_unknown_and_out_of_range_messages_are_counted_and_skipped()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync();
        await feed.SubscribedAsync();
        long tickerSid = feed.Server.SidByChannel["ticker"];

        await feed.Server.SendAsync("{not json");
        await feed.Server.SendAsync("""{"type":"mystery","sid":99,"msg":{}}""");
        await feed.Server.SendAsync($$$"""{"type":"ticker","sid":{{{tickerSid}}},"msg":{"market_ticker":"{{{T}}}","yes_bid_dollars":"1.2000","ts_ms":1764460800000}}""");
        await feed.Server.SendAsync($$$"""{"type":"ticker","sid":{{{tickerSid}}},"msg":{"market_ticker":"{{{T}}}","yes_bid_dollars":"abc","ts_ms":1764460800000}}""");
        await feed.Server.SendAsync($$$"""{"type":"ticker","sid":{{{tickerSid}}},"msg":{"market_ticker":"{{{T}}}","yes_bid_dollars":"0.4400","yes_ask_dollars":"0.4600","ts_ms":1764460800000}}""");

        await Poll.UntilAsync(() => feed.Events.OfType<KalshiTick>().Count == 1, "the valid tick");
        Assert.Equal(3, feed.Client.Metrics.ParseErrors);
        Assert.Equal(1, feed.Client.Metrics.UnknownMessages); // a type Kalshi may have added is not broken data
        Assert.Equal(0.44m, feed.Events.OfType<KalshiTick>()[0].YesBid);
        Assert.Equal(1, feed.Server.Connections);
        Assert.True(feed.Client.Metrics.Connected);
    }

    [Fact]
    public async Task Out_of_range_order_book_price_untrusts_the_book_and_requests_a_snapshot()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync();
        await feed.SubscribedAsync();
        long sid = feed.OrderBookSid;
        await feed.Server.SendAsync($$$"""{"type":"orderbook_snapshot","sid":{{{sid}}},"seq":1,"msg":{"market_ticker":"{{{T}}}","yes_dollars_fp":[["0.3000","1.00"]]}}""");

        await feed.Server.SendAsync($$$"""{"type":"orderbook_delta","sid":{{{sid}}},"seq":2,"msg":{"market_ticker":"{{{T}}}","price_dollars":"1.5000","delta_fp":"1.00","side":"yes"}}""");

        await Poll.UntilAsync(() => feed.Server.CommandsOf(1, "update_subscription").Any(), "a get_snapshot request");
        Assert.Equal([true, false], feed.Events.OfType<BookIntegrityChanged>().Select(b => b.Trusted));
        Assert.Empty(feed.Events.OfType<BookDelta>());
        Assert.Equal(1, feed.Client.Metrics.ParseErrors);
    }

    [Fact]
    public async Task Silent_connection_is_treated_as_dead_and_reconnected()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync(silenceTimeout: TimeSpan.FromMilliseconds(600));
        await feed.SubscribedAsync();

        // The server acknowledges the subscriptions, then says nothing more.
        await feed.SubscribedAsync(connection: 2);
        Assert.True(feed.Client.Metrics.Reconnects >= 1);
        Assert.Contains("no message", feed.Client.Metrics.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Series_markets_are_discovered_over_rest_and_subscribed()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync(series: ["KXNBAGAME", "KXNHLGAME"]);
        await feed.SubscribedAsync();

        JsonElement tickerSubscription = feed.Server.CommandsOf(1, "subscribe")
            .Single(c => c.GetProperty("params").GetProperty("channels")[0].GetString() == "ticker");
        Assert.Equal(
            [T, "KXNBAGAME-26NOV30AB-A", "KXNHLGAME-26NOV30AB-A"],
            tickerSubscription.GetProperty("params").GetProperty("market_tickers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["KXNBAGAME", "KXNHLGAME"], feed.Catalog.KalshiMarkets.Select(m => m.SeriesTicker));
        await Poll.UntilAsync(() => feed.Events.OfType<MarketStatusChanged>().Count == 2, "a status per discovered market");
        Assert.All(feed.Events.OfType<MarketStatusChanged>(), s => Assert.True(s.IsTradable));
        Assert.Equal(["KXNBAGAME-26NOV30AB-A", "KXNHLGAME-26NOV30AB-A"], feed.Catalog.KalshiMarkets.Select(m => m.Ticker));
    }

    [Fact]
    public async Task Lifecycle_changes_of_other_markets_are_not_forwarded()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync();
        await feed.SubscribedAsync();
        long sid = feed.Server.SidByChannel["market_lifecycle_v2"];

        await feed.Server.SendAsync($$$"""{"type":"market_lifecycle_v2","sid":{{{sid}}},"msg":{"market_ticker":"SOMETHING-ELSE","event_type":"determined"}}""");
        await feed.Server.SendAsync($$$"""{"type":"market_lifecycle_v2","sid":{{{sid}}},"msg":{"market_ticker":"{{{T}}}","event_type":"deactivated"}}""");

        await Poll.UntilAsync(() => feed.Events.OfType<MarketStatusChanged>().Count == 1, "our market's change");
        MarketStatusChanged change = feed.Events.OfType<MarketStatusChanged>()[0];
        Assert.Equal((T, "inactive"), (change.Ticker, change.Status));
    }

    [Fact]
    public async Task Without_credentials_the_feed_reports_disabled_and_returns()
    {
        Channel<MarketEvent> channel = Channel.CreateUnbounded<MarketEvent>();
        var options = new KalshiOptions { ApiKeyId = null, PrivateKeyEnvironmentVariable = "KALSHIARB_TEST_UNSET_VARIABLE" };
        using var http = new HttpClient();
        using var rest = new KalshiRestClient(http, Options.Create(options), TimeProvider.System, NullLogger<KalshiRestClient>.Instance);
        KalshiFeed client = KalshiFeedHarness.CreateFeed(options, channel.Writer, rest, new MarketCatalog());

        await client.RunAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.False(client.Metrics.Connected);
        Assert.StartsWith("disabled", client.Metrics.GetHealth().Message, StringComparison.Ordinal);
        Assert.Equal(HealthLevel.Disabled, client.GetHealth().Level);
    }

    /// <summary>Replays the snapshot (the latest) and the deltas after it, as a consumer would.</summary>
    private static (Dictionary<decimal, decimal> Yes, Dictionary<decimal, decimal> No) Rebuild(IReadOnlyList<MarketEvent> events)
    {
        var yes = new Dictionary<decimal, decimal>();
        var no = new Dictionary<decimal, decimal>();
        foreach (MarketEvent marketEvent in events)
        {
            switch (marketEvent)
            {
                case BookSnapshot snapshot:
                    yes = snapshot.YesBids.ToDictionary(l => l.Price, l => l.Size);
                    no = snapshot.NoBids.ToDictionary(l => l.Price, l => l.Size);
                    break;
                case BookDelta delta:
                    Dictionary<decimal, decimal> side = delta.Side == Side.Yes ? yes : no;
                    decimal size = side.GetValueOrDefault(delta.Price) + delta.Delta;
                    if (size == 0)
                    {
                        side.Remove(delta.Price);
                    }
                    else
                    {
                        side[delta.Price] = size;
                    }

                    break;
            }
        }

        return (yes, no);
    }
}
