using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Storage.InMemory;

/// <summary>
/// The fallback history when QuestDB is not reachable at start-up: bounded buffers in this process (per-market
/// ticks, per-outcome quotes, opportunities, latency samples; see <see cref="InMemoryHistoryOptions"/>), answering
/// the same questions with the same rules as the SQL in <c>QuestDbSql</c>: buckets aligned to multiples of
/// the bucket since the epoch, first/last non-null per bucket, each book's last fair probability in a bucket
/// averaged over books, latest row per key, hit rate through executions' opportunity ids, nearest-rank percentiles
/// (negative clock skew counted as 0). Executions, settlements and mappings are never evicted. Nothing survives a
/// restart, which the Health page says.
/// </summary>
internal sealed partial class InMemoryHistoryStore : IHistoryStore, IHealthSource, IMarketEventHandler
{
    private static readonly string[] FeedStages = ["kalshi_ticks", "kalshi_trades", "kalshi_orderbook", "sportsbook_odds"];

    private readonly InMemoryHistoryOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<KalshiTick>> _ticks = new(StringComparer.Ordinal);
    private readonly Dictionary<(string EventId, string MarketType, string Outcome), Queue<SportsbookQuote>> _quotes = new();
    private readonly Queue<Opportunity> _opportunities = new();
    private readonly Dictionary<string, Queue<(DateTime Ts, long LatencyTicks)>> _latency = new(StringComparer.Ordinal);
    private readonly List<Execution> _executions = [];
    private readonly List<Settlement> _settlements = [];
    private readonly List<EventMapping> _mappings = [];
    private readonly string _reason;
    private long _evicted;

    /// <param name="reason">why QuestDB is not in use, for the Health page (e.g. the probe's failure).</param>
    public InMemoryHistoryStore(InMemoryHistoryOptions options, TimeProvider time, string? reason = null)
    {
        _reason = reason ?? "QuestDB not in use";
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        foreach (string stage in FeedStages)
        {
            _latency[stage] = new Queue<(DateTime Ts, long LatencyTicks)>();
        }
    }

    public string Backend => "in-memory";

    public void OnMarketEvent(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        lock (_gate)
        {
            marketEvent.DispatchTo(this);
        }
    }

    public void OnOpportunity(Opportunity opportunity)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        lock (_gate)
        {
            Add(_opportunities, opportunity, _options.MaxOpportunities, o => o.Ts);
        }
    }

    public Task RecordExecutionAsync(Execution execution, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(execution);
        lock (_gate)
        {
            // Same DEDUP key as QuestDB: (ts, execution_id).
            _executions.RemoveAll(e => e.Ts == execution.Ts && e.ExecutionId == execution.ExecutionId);
            _executions.Add(execution);
        }

        return Task.CompletedTask;
    }

    public Task RecordSettlementAsync(Settlement settlement, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        lock (_gate)
        {
            _settlements.RemoveAll(s => s.Ts == settlement.Ts && s.Ticker == settlement.Ticker);
            _settlements.Add(settlement);
        }

        return Task.CompletedTask;
    }

    public Task RecordMappingAsync(EventMapping mapping, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        lock (_gate)
        {
            _mappings.RemoveAll(m => m.UpdatedAt == mapping.UpdatedAt && m.KalshiTicker == mapping.KalshiTicker);
            _mappings.Add(mapping);
        }

        return Task.CompletedTask;
    }

    public ComponentHealth GetHealth()
    {
        lock (_gate)
        {
            var figures = new Dictionary<string, double>
            {
                ["markets"] = _ticks.Count,
                ["ticks"] = _ticks.Values.Sum(q => q.Count),
                ["quotes"] = _quotes.Values.Sum(q => q.Count),
                ["opportunities"] = _opportunities.Count,
                ["executions"] = _executions.Count,
                ["evicted"] = _evicted,
            };
            string message = $"{_reason}: history kept in memory (last {_options.MaxTicksPerTicker:N0} ticks per market, " +
                $"{_options.Retention.TotalHours:0.#} h) and lost on restart";
            return new ComponentHealth("history", HealthLevel.Degraded, message, figures, _time.GetUtcNow().UtcDateTime);
        }
    }

    private static Queue<T> Bucket<TKey, T>(Dictionary<TKey, Queue<T>> map, TKey key)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out Queue<T>? queue))
        {
            queue = new Queue<T>();
            map[key] = queue;
        }

        return queue;
    }

    private void Add<T>(Queue<T> queue, T item, int max, Func<T, DateTime> ts)
    {
        DateTime horizon = _time.GetUtcNow().UtcDateTime - _options.Retention;
        if (ts(item) < horizon)
        {
            _evicted++; // already outside the window (a late or replayed event)
            return;
        }

        queue.Enqueue(item);
        while (queue.Count > max || (queue.Count > 0 && ts(queue.Peek()) < horizon))
        {
            queue.Dequeue();
            _evicted++;
        }
    }

    private void Sample(string stage, MarketEvent marketEvent, int count)
    {
        long latency = marketEvent.ReceivedAt.Ticks - marketEvent.ExchangeTs.Ticks;
        for (int i = 0; i < count; i++)
        {
            Add(_latency[stage], (Ts: marketEvent.ExchangeTs, LatencyTicks: latency), _options.MaxLatencySamplesPerStage, s => s.Ts);
        }
    }
}
