using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

using KalshiArb.Tests.Infrastructure;

namespace KalshiArb.Tests.Web;

public sealed class LiveBatchStreamTests
{
    private readonly LiveUpdates _updates = new();
    private readonly FakeTimeProvider _time = new(WebTestData.Now);
    private readonly FakeMarketReader _market = new();

    [Fact]
    public void Keeps_only_the_latest_transition_per_opportunity_and_quote_per_market_and_carries_each_changed_book()
    {
        var m2 = new BookView("M2", [new BookLevel(0.3m, 5m)], [], true, 9, WebTestData.Now);
        _market.Books["M2"] = m2;
        using LiveBatchStream stream = NewStream();
        var batches = new List<LiveBatch>();
        using IDisposable _ = stream.Subscribe(batches.Add);

        _updates.OnOpportunity(WebTestData.Opportunity("a", edgePct: 2m));
        _updates.OnOpportunity(WebTestData.Opportunity("a", edgePct: 3m, state: OpportunityState.Update));
        _updates.OnOpportunity(WebTestData.Opportunity("b", edgePct: 1m));
        _updates.OnMarketEvent(WebTestData.Tick("M1", 0.40m, 0.42m, WebTestData.Now));
        _updates.OnMarketEvent(WebTestData.Tick("M1", 0.41m, 0.43m, WebTestData.Now.AddMilliseconds(5)));
        _updates.OnMarketEvent(new BookDelta("M2", Side.Yes, 0.3m, 5m, 9, WebTestData.Now, WebTestData.Now));

        LiveBatch batch = Assert.IsType<LiveBatch>(stream.Flush());

        Assert.Same(batch, Assert.Single(batches));
        Assert.Equal(2, batch.Opportunities.Count);
        Assert.Equal(3m, batch.Opportunities.Single(o => o.OpportunityId == "a").EdgePct);
        Assert.Equal(0.41m, Assert.Single(batch.Quotes).YesBid);
        Assert.Same(m2, Assert.Single(batch.Books)); // the book itself: a page never reads it again
        Assert.Null(stream.Flush()); // nothing new: no empty batch
    }

    [Fact]
    public void A_disposed_subscription_receives_nothing_and_a_failing_subscriber_does_not_stop_others()
    {
        using LiveBatchStream stream = NewStream();
        int received = 0;
        IDisposable gone = stream.Subscribe(_ => received += 100);
        using IDisposable failing = stream.Subscribe(_ => throw new InvalidOperationException("boom"));
        using IDisposable counting = stream.Subscribe(_ => received++);
        gone.Dispose();

        _updates.OnOpportunity(WebTestData.Opportunity("a"));
        stream.Flush();

        Assert.Equal(1, received);
    }

    [Fact]
    public async Task The_flush_loop_publishes_on_the_interval()
    {
        using LiveBatchStream stream = NewStream();
        var batches = new List<LiveBatch>();
        using IDisposable _ = stream.Subscribe(b => { lock (batches) { batches.Add(b); } });
        await stream.StartAsync(TestContext.Current.CancellationToken);

        _updates.OnOpportunity(WebTestData.Opportunity("a"));

        // The loop creates its timer asynchronously after start: keep moving the clock until it has ticked.
        await Poll.UntilAsync(() =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            lock (batches)
            {
                return batches.Count > 0;
            }
        }, what: "a batch from the flush loop");
        await stream.StopAsync(TestContext.Current.CancellationToken);

        // Exactly one batch for one update, holding it: later ticks of the loop publish nothing empty.
        LiveBatch batch = Assert.Single(batches);
        Assert.Equal("a", Assert.Single(batch.Opportunities).OpportunityId);
        Assert.Equal(1, batch.Seq);
    }

    private LiveBatchStream NewStream() => new(_updates, _market, _time, Options.Create(new LiveOptions()), NullLogger<LiveBatchStream>.Instance);
}
