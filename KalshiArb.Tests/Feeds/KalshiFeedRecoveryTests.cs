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

/// <summary>The Kalshi feed recovering from what a live connection throws at it: gaps, refusals, drops, silence, bad messages.</summary>
public sealed class KalshiFeedRecoveryTests
{
    private const string T = KalshiFeedHarness.Ticker;

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
        (Dictionary<decimal, decimal> yes, Dictionary<decimal, decimal> no) = RebuiltBook.Of(feed.Events.Events);
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
}
