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
public sealed partial class InMemoryHistoryStore : IHistoryStore, IHealthSource
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

    /// <summary>Rows evicted by the bounds or the retention window.</summary>
    public long Evicted
    {
        get
        {
            lock (_gate)
            {
                return _evicted;
            }
        }
    }

    public void OnMarketEvent(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        lock (_gate)
        {
            LogForReplay(marketEvent);
            switch (marketEvent)
            {
                case KalshiTick tick:
                    Add(Bucket(_ticks, tick.Ticker), tick, _options.MaxTicksPerTicker, t => t.ExchangeTs);
                    Sample("kalshi_ticks", tick, 1);
                    break;
                case SportsbookQuote quote:
                    Add(Bucket(_quotes, (quote.EventId, quote.MarketType, quote.Outcome)), quote, _options.MaxQuotesPerOutcome, q => q.ExchangeTs);
                    Sample("sportsbook_odds", quote, 1);
                    break;
                case KalshiTrade trade:
                    Sample("kalshi_trades", trade, 1);
                    break;
                case BookDelta delta:
                    Sample("kalshi_orderbook", delta, 1);
                    break;
                case BookSnapshot snapshot:
                    // QuestDB stores one row per level, so each level is one latency sample there too.
                    Sample("kalshi_orderbook", snapshot, snapshot.YesBids.Count + snapshot.NoBids.Count);
                    break;
            }
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

    public Task<IReadOnlyList<QuoteBar>> GetQuoteBarsAsync(string ticker, DateTime from, DateTime to, TimeSpan bucket, CancellationToken ct)
    {
        BarBucket.Validate(bucket);
        List<KalshiTick> ticks;
        lock (_gate)
        {
            ticks = _ticks.TryGetValue(ticker, out Queue<KalshiTick>? queue)
                ? queue.Where(t => t.ExchangeTs >= from && t.ExchangeTs < to).ToList()
                : [];
        }

        IReadOnlyList<QuoteBar> bars = ticks
            .OrderBy(t => t.ExchangeTs)
            .GroupBy(t => Floor(t.ExchangeTs, bucket))
            .Select(g => new QuoteBar(
                g.Key,
                g.Select(t => t.YesBid).FirstOrDefault(v => v is not null),
                g.Select(t => t.YesBid).LastOrDefault(v => v is not null),
                g.Min(t => t.YesBid),
                g.Max(t => t.YesBid),
                g.Select(t => t.YesAsk).FirstOrDefault(v => v is not null),
                g.Select(t => t.YesAsk).LastOrDefault(v => v is not null),
                g.Min(t => t.YesAsk),
                g.Max(t => t.YesAsk),
                g.LongCount()))
            .ToList();
        return Task.FromResult(bars);
    }

    public Task<IReadOnlyList<FairProbPoint>> GetFairProbSeriesAsync(string eventId, string marketType, string outcome, DateTime from, DateTime to, TimeSpan bucket, CancellationToken ct)
    {
        BarBucket.Validate(bucket);
        List<SportsbookQuote> quotes;
        lock (_gate)
        {
            quotes = _quotes.TryGetValue((eventId, marketType, outcome), out Queue<SportsbookQuote>? queue)
                ? queue.Where(q => q.ExchangeTs >= from && q.ExchangeTs < to).ToList()
                : [];
        }

        IReadOnlyList<FairProbPoint> points = quotes
            .OrderBy(q => q.ExchangeTs)
            .GroupBy(q => Floor(q.ExchangeTs, bucket))
            .Select(g =>
            {
                // Each book's last fair probability in the bucket, then the average over books.
                List<decimal> perBook = g.GroupBy(q => q.Book, StringComparer.Ordinal).Select(b => b.Last().FairProb).ToList();
                return new FairProbPoint(g.Key, perBook.Sum() / perBook.Count, perBook.Count);
            })
            .ToList();
        return Task.FromResult(points);
    }

    public Task<IReadOnlyList<Opportunity>> GetOpportunitiesAsync(DateTime from, DateTime to, string? ticker, CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<Opportunity> rows = _opportunities
                .Where(o => o.Ts >= from && o.Ts < to && (ticker is null || o.KalshiTicker == ticker))
                // QuestDB's DEDUP key (ts, opportunity_id, state): of transitions stamped alike, the last written stays.
                .GroupBy(o => (o.Ts, o.OpportunityId, o.State))
                .Select(g => g.Last())
                .OrderBy(o => o.Ts)
                .ThenBy(o => o.OpportunityId, StringComparer.Ordinal)
                .ThenBy(o => StorageCodes.Code(o.State), StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyList<Execution>> GetExecutionsAsync(DateTime from, DateTime to, CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<Execution> rows = _executions.Where(e => e.Ts >= from && e.Ts < to).OrderBy(e => e.Ts).ToList();
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyList<Settlement>> GetSettlementsAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<Settlement> rows = _settlements
                .GroupBy(s => s.Ticker, StringComparer.Ordinal)
                .Select(g => g.OrderBy(s => s.Ts).Last())
                .OrderBy(s => s.Ts)
                .ThenBy(s => s.Ticker, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyList<EventMapping>> GetMappingsAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<EventMapping> rows = _mappings
                .GroupBy(m => m.KalshiTicker, StringComparer.Ordinal)
                .Select(g => g.OrderBy(m => m.UpdatedAt).Last())
                .OrderBy(m => m.KalshiTicker, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyList<StageLatency>> GetLatencyAsync(DateTime from, DateTime to, CancellationToken ct)
    {
        var result = new List<StageLatency>();
        lock (_gate)
        {
            foreach (string stage in FeedStages)
            {
                List<double> micros = _latency[stage]
                    .Where(s => s.Ts >= from && s.Ts < to)
                    .Select(s => (double)(Math.Max(0, s.LatencyTicks) / 10))
                    .Order()
                    .ToList();
                if (micros.Count > 0)
                {
                    result.Add(new StageLatency(
                        stage,
                        Percentiles.NearestRank(micros, 0.5) / 1000,
                        Percentiles.NearestRank(micros, 0.9) / 1000,
                        Percentiles.NearestRank(micros, 0.99) / 1000,
                        micros.Count));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<StageLatency>>(result);
    }

    public Task<KalshiTick?> GetKalshiTickAtAsync(string ticker, DateTime at, CancellationToken ct)
    {
        lock (_gate)
        {
            KalshiTick? tick = _ticks.TryGetValue(ticker, out Queue<KalshiTick>? queue)
                ? queue.Where(t => t.ExchangeTs <= at && (t.LastPrice is not null || (t.YesBid is not null && t.YesAsk is not null)))
                    .OrderBy(t => t.ExchangeTs)
                    .LastOrDefault()
                : null;
            return Task.FromResult(tick);
        }
    }

    public Task<IReadOnlyList<SportsbookQuote>> GetSportsbookQuotesAtAsync(string eventId, string marketType, DateTime at, CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<SportsbookQuote> rows = _quotes
                .Where(kv => kv.Key.EventId == eventId && kv.Key.MarketType == marketType)
                .SelectMany(kv => kv.Value.Where(q => q.ExchangeTs <= at))
                .GroupBy(q => (q.Book, q.Outcome))
                .Select(g => g.OrderBy(q => q.ExchangeTs).Last())
                .OrderBy(q => q.Book, StringComparer.Ordinal)
                .ThenBy(q => q.Outcome, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(rows);
        }
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

    /// <summary>Start of the bucket holding <paramref name="ts"/>: a multiple of the bucket since the epoch, as QuestDB aligns SAMPLE BY.</summary>
    private static DateTime Floor(DateTime ts, TimeSpan bucket)
    {
        long sinceEpoch = ts.Ticks - DateTime.UnixEpoch.Ticks;
        return new DateTime(ts.Ticks - (sinceEpoch % bucket.Ticks), DateTimeKind.Utc);
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
