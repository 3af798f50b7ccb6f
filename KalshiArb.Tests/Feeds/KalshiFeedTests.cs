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

/// <summary>The Kalshi feed over a real socket to the fake exchange: handshake, books, discovery, lifecycle, credentials.</summary>
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
        (Dictionary<decimal, decimal> yes, Dictionary<decimal, decimal> no) = RebuiltBook.Of(feed.Events.Events);
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
}
