using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Storage.InMemory;

/// <summary>The reads, with the same rules as the SQL: buckets from <see cref="BarBucket"/>, latest row per key, nearest-rank percentiles.</summary>
internal sealed partial class InMemoryHistoryStore
{
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
            .GroupBy(t => BarBucket.Start(t.ExchangeTs, bucket))
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
            .GroupBy(q => BarBucket.Start(q.ExchangeTs, bucket))
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

    public Task<IReadOnlyList<FillQuote>> GetFillQuotesAsync(DateTime from, DateTime to, CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<FillQuote> rows = _executions
                .Where(e => e.Ts >= from && e.Ts < to)
                .OrderBy(e => e.Ts)
                .ThenBy(e => e.ExecutionId, StringComparer.Ordinal)
                .Select(e => QuoteAtFill(e, TickAsOf(e.KalshiTicker, e.Ts)))
                .ToList();
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

    /// <summary>As QuestDB's ASOF JOIN with TOLERANCE: the last tick at or before <paramref name="at"/>, no older than the tolerance; of ticks stamped alike, the last held (DEDUP UPSERT keeps the last written).</summary>
    private KalshiTick? TickAsOf(string ticker, DateTime at) =>
        _ticks.TryGetValue(ticker, out Queue<KalshiTick>? queue)
            ? queue.Where(t => t.ExchangeTs <= at && t.ExchangeTs >= at - FillQuote.Tolerance).OrderBy(t => t.ExchangeTs).LastOrDefault()
            : null;

    private static FillQuote QuoteAtFill(Execution e, KalshiTick? tick) =>
        new(e.ExecutionId, e.KalshiSide, e.KalshiPrice, tick?.ExchangeTs, tick?.YesBid, tick?.YesAsk);
}
