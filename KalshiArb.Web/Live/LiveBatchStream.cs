using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Web.Services;
using Microsoft.Extensions.Options;

namespace KalshiArb.Web.Live;

/// <summary>
/// Coalesces the pipeline's live updates into batches published at most once per
/// <see cref="LiveOptions.FlushInterval"/>. The pipeline thread only writes into dictionaries keyed by
/// opportunity id, ticker and outcome (cheap, never blocks on a subscriber); the flush loop hands each batch
/// to the subscribers, the Blazor components of this process.
/// </summary>
internal sealed partial class LiveBatchStream : BackgroundService, IMarketEventHandler
{
    private readonly LiveUpdates _updates;
    private readonly IMarketReader _market;
    private readonly TimeProvider _time;
    private readonly LiveOptions _options;
    private readonly ILogger<LiveBatchStream> _logger;
    private readonly Lock _gate = new();
    private readonly List<Action<LiveBatch>> _subscribers = [];
    private Dictionary<string, Opportunity> _opportunities = new(StringComparer.Ordinal);
    private Dictionary<string, KalshiTick> _quotes = new(StringComparer.Ordinal);
    private HashSet<string> _books = new(StringComparer.Ordinal);
    private Dictionary<(string, string, string, string), SportsbookQuote> _odds = [];
    private long _seq;
    private long _lastEventTicks;

    public LiveBatchStream(LiveUpdates updates, IMarketReader market, TimeProvider time, IOptions<LiveOptions> options, ILogger<LiveBatchStream> logger)
    {
        _updates = updates;
        _market = market;
        _time = time;
        _options = options.Value;
        _logger = logger;
        // Subscribed from construction so nothing published before the host starts the flush loop is lost.
        _updates.OpportunityChanged += OnOpportunity;
        _updates.MarketChanged += OnMarketEvent;
    }

    /// <summary>When the pipeline last reported anything (UTC), or null if it never has.</summary>
    public DateTime? LastEventAt
    {
        get
        {
            long ticks = Interlocked.Read(ref _lastEventTicks);
            return ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc);
        }
    }

    public TimeSpan StaleAfter => _options.StaleAfter;

    /// <summary>Registers a handler for every batch; dispose the result to unsubscribe (components do so on dispose).</summary>
    public IDisposable Subscribe(Action<LiveBatch> handler)
    {
        lock (_gate)
        {
            _subscribers.Add(handler);
        }

        return new Subscription(this, handler);
    }

    /// <summary>Publishes what accumulated since the last flush, if anything; returns the batch published.</summary>
    public LiveBatch? Flush()
    {
        LiveBatch batch;
        Action<LiveBatch>[] subscribers;
        lock (_gate)
        {
            if (_opportunities.Count == 0 && _quotes.Count == 0 && _books.Count == 0 && _odds.Count == 0)
            {
                return null;
            }

            // The book itself, read once per flush for all subscribers: the events only say a book moved.
            BookView[] books = [.. _books.Select(_market.GetBook).OfType<BookView>()];
            batch = new LiveBatch(++_seq, _time.GetUtcNow().UtcDateTime, [.. _opportunities.Values], [.. _quotes.Values], books, [.. _odds.Values]);
            _opportunities = new(StringComparer.Ordinal);
            _quotes = new(StringComparer.Ordinal);
            _books = new(StringComparer.Ordinal);
            _odds = [];
            subscribers = [.. _subscribers];
        }

        foreach (Action<LiveBatch> subscriber in subscribers)
        {
            try
            {
                subscriber(batch);
            }
            catch (Exception ex)
            {
                LogSubscriberFailed(_logger, ex, batch.Seq);
            }
        }

        return batch;
    }

    public override void Dispose()
    {
        _updates.OpportunityChanged -= OnOpportunity;
        _updates.MarketChanged -= OnMarketEvent;
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.FlushInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Flush();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    private void OnOpportunity(Opportunity opportunity)
    {
        lock (_gate)
        {
            _opportunities[opportunity.OpportunityId] = opportunity;
        }

        Touch();
    }

    private void OnMarketEvent(MarketEvent marketEvent)
    {
        lock (_gate)
        {
            marketEvent.DispatchTo(this);
        }

        Touch();
    }

    private void Touch() => Interlocked.Exchange(ref _lastEventTicks, _time.GetUtcNow().UtcDateTime.Ticks);

    private void Unsubscribe(Action<LiveBatch> handler)
    {
        lock (_gate)
        {
            _subscribers.Remove(handler);
        }
    }

    private sealed class Subscription(LiveBatchStream stream, Action<LiveBatch> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                stream.Unsubscribe(handler);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live batch subscriber failed on batch {Seq}")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception, long seq);
}
