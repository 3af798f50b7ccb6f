using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Tests.Feeds;

using KalshiArb.Tests.Infrastructure;

namespace KalshiArb.Tests.Fault;

/// <summary>
/// One Kalshi session through every kind of trouble the fake server can make: garbage, a skipped sequence number
/// and a dropped connection. Afterwards the book the pipeline builds from the feed's events is right and trusted,
/// and every bad message was counted.
/// </summary>
[Trait("Category", "Fault")]
public sealed class KalshiFeedFaultTests
{
    private const string T = KalshiFeedHarness.Ticker;

    [Fact]
    public async Task Garbage_gap_and_drop_in_one_session_end_with_the_right_book_and_every_bad_message_counted()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync();
        await feed.SubscribedAsync();
        long sid = feed.OrderBookSid;
        long tickerSid = feed.Server.SidByChannel["ticker"];
        await feed.Server.SendAsync($$$"""{"type":"orderbook_snapshot","sid":{{{sid}}},"seq":1,"msg":{"market_ticker":"{{{T}}}","yes_dollars_fp":[["0.4000","100.00"]],"no_dollars_fp":[["0.5000","100.00"]]}}""");
        await feed.Server.SendAsync($$$"""{"type":"orderbook_delta","sid":{{{sid}}},"seq":2,"msg":{"market_ticker":"{{{T}}}","price_dollars":"0.4000","delta_fp":"5.00","side":"yes"}}""");

        // Garbage: not JSON, not an object, a type nobody knows, a price out of range, a size that is not a number.
        string[] garbage =
        [
            "{\"type\":\"orderbook_delta\",\"sid\":",
            "[1,2,3]",
            """{"type":"mystery","sid":99,"msg":{}}""",
            $$$"""{"type":"ticker","sid":{{{tickerSid}}},"msg":{"market_ticker":"{{{T}}}","yes_bid_dollars":"1.2000","ts_ms":1764460800000}}""",
            $$$"""{"type":"ticker","sid":{{{tickerSid}}},"msg":{"market_ticker":"{{{T}}}","yes_bid_size_fp":"lots","ts_ms":1764460800000}}""",
        ];
        foreach (string message in garbage)
        {
            await feed.Server.SendAsync(message);
        }

        // The unknown type is counted apart from the parse errors: it may be a type Kalshi added.
        await Poll.UntilAsync(() => feed.Client.Metrics.ParseErrors == garbage.Length - 1 && feed.Client.Metrics.UnknownMessages == 1, "every garbage message counted");

        // seq 3 never arrives: the client asks for a snapshot and the book is untrusted until it comes.
        await feed.Server.SendAsync($$$"""{"type":"orderbook_delta","sid":{{{sid}}},"seq":4,"msg":{"market_ticker":"{{{T}}}","price_dollars":"0.4000","delta_fp":"7.00","side":"yes"}}""");
        await Poll.UntilAsync(() => feed.Server.CommandsOf(1, "update_subscription").Any(), "a get_snapshot request after the gap");
        await feed.Server.SendAsync($$$"""{"type":"orderbook_snapshot","sid":{{{sid}}},"seq":5,"msg":{"market_ticker":"{{{T}}}","yes_dollars_fp":[["0.4100","30.00"]],"no_dollars_fp":[["0.5000","80.00"]]}}""");
        await feed.Server.SendAsync($$$"""{"type":"orderbook_delta","sid":{{{sid}}},"seq":6,"msg":{"market_ticker":"{{{T}}}","price_dollars":"0.5000","delta_fp":"-30.00","side":"no"}}""");
        await Poll.UntilAsync(() => feed.Events.OfType<BookDelta>().Any(d => d.Seq == 6), "the delta after the fresh snapshot");

        // The connection drops: the client reconnects, resubscribes, untrusts the book until a new snapshot.
        feed.Server.Drop();
        await feed.SubscribedAsync(connection: 2);
        await Poll.UntilAsync(() => feed.Client.Metrics.Connected, "connected again");
        long newSid = feed.OrderBookSid;
        Assert.NotEqual(sid, newSid);
        await feed.Server.SendAsync($$$"""{"type":"orderbook_snapshot","sid":{{{newSid}}},"seq":1,"msg":{"market_ticker":"{{{T}}}","yes_dollars_fp":[["0.4200","10.00"]],"no_dollars_fp":[["0.5500","20.00"]]}}""");
        await feed.Server.SendAsync($$$"""{"type":"orderbook_delta","sid":{{{newSid}}},"seq":2,"msg":{"market_ticker":"{{{T}}}","price_dollars":"0.4200","delta_fp":"15.00","side":"yes"}}""");
        await Poll.UntilAsync(() => feed.Events.OfType<BookDelta>().Count(d => d.Seq == 2) == 2, "the delta after the reconnect");

        // The pipeline's view: every event through MarketState, as the consumer applies them.
        var state = new MarketState();
        foreach (MarketEvent marketEvent in feed.Events.Events)
        {
            state.Apply(marketEvent);
        }

        // After the reconnect: yes 0.42 = 10 + 15 = 25; no 0.55 = 20. Nothing of the old session survives.
        BookView book = state.GetBook(T)!;
        Assert.True(book.Trusted);
        Assert.Equal([new BookLevel(0.42m, 25m)], book.YesBids);
        Assert.Equal([new BookLevel(0.55m, 20m)], book.NoBids);
        Assert.Equal(0, state.NegativeLevels);

        // Trusted at the first snapshot, lost at the gap, back at the fresh snapshot, lost at the drop, back again.
        Assert.Equal([true, false, true, false, true], feed.Events.OfType<BookIntegrityChanged>().Select(b => b.Trusted));
        Assert.Equal(garbage.Length - 1, feed.Client.Metrics.ParseErrors);
        Assert.Equal(1, feed.Client.Metrics.SequenceGaps);
        Assert.Equal(1, feed.Client.Metrics.Reconnects);
        Assert.Empty(feed.Server.AuthFailures);
        Assert.False(feed.Run.IsFaulted);
    }
}
