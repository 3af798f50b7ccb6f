using KalshiArb.Ingestion.Model;
using static KalshiArb.Ingestion.Storage.QuestDb.QuestDbTime;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>The reads over PGWire: bars, fair-probability series, recorded history, latency and the +EV audit.</summary>
internal sealed partial class QuestDbHistoryStore
{
    public async Task<IReadOnlyList<QuoteBar>> GetQuoteBarsAsync(string ticker, DateTime from, DateTime to, TimeSpan bucket, CancellationToken ct)
    {
        IEnumerable<QuoteBarRow> rows = await QueryAsync<QuoteBarRow>(_sql.Sampled(QuestDbSql.QuoteBars, bucket), new { ticker, from = Utc(from), to = Utc(to) }, ct);
        return Readable(rows, UnreadableRows.QuoteBars, static r => r.ToBar());
    }

    public async Task<IReadOnlyList<FairProbPoint>> GetFairProbSeriesAsync(string eventId, string marketType, string outcome, DateTime from, DateTime to, TimeSpan bucket, CancellationToken ct)
    {
        IEnumerable<FairProbRow> rows = await QueryAsync<FairProbRow>(
            _sql.Sampled(QuestDbSql.FairProbSeries, bucket),
            new { eventId, marketType, outcome, from = Utc(from), to = Utc(to) },
            ct);
        return Readable(rows.Where(r => r.FairProb is not null), UnreadableRows.FairProbSeries, static r => r.ToPoint());
    }

    public async Task<IReadOnlyList<Opportunity>> GetOpportunitiesAsync(DateTime from, DateTime to, string? ticker, CancellationToken ct)
    {
        IEnumerable<OpportunityRow> rows = ticker is null
            ? await QueryAsync<OpportunityRow>(_sql.Render(QuestDbSql.OpportunitiesInRange), new { from = Utc(from), to = Utc(to) }, ct)
            : await QueryAsync<OpportunityRow>(_sql.Render(QuestDbSql.OpportunitiesInRangeForTicker), new { ticker, from = Utc(from), to = Utc(to) }, ct);
        return Readable(rows, UnreadableRows.Opportunities, static r => r.ToOpportunity());
    }

    public async Task<IReadOnlyList<Execution>> GetExecutionsAsync(DateTime from, DateTime to, CancellationToken ct)
    {
        IEnumerable<ExecutionRow> rows = await QueryAsync<ExecutionRow>(_sql.Render(QuestDbSql.ExecutionsInRange), new { from = Utc(from), to = Utc(to) }, ct);
        return Readable(rows, UnreadableRows.Executions, static r => r.ToExecution());
    }

    public async Task<IReadOnlyList<FillQuote>> GetFillQuotesAsync(DateTime from, DateTime to, CancellationToken ct)
    {
        IEnumerable<FillQuoteRow> rows = await QueryAsync<FillQuoteRow>(_sql.Render(QuestDbSql.FillQuotesInRange), new { from = Utc(from), to = Utc(to) }, ct);
        return Readable(rows, UnreadableRows.FillQuotes, static r => r.ToFillQuote());
    }

    public async Task<IReadOnlyList<Settlement>> GetSettlementsAsync(CancellationToken ct)
    {
        IEnumerable<SettlementRow> rows = await QueryAsync<SettlementRow>(_sql.Render(QuestDbSql.LatestSettlements), null, ct);
        return Readable(rows, UnreadableRows.Settlements, static r => r.ToSettlement()).OrderBy(s => s.Ts).ThenBy(s => s.Ticker, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<EventMapping>> GetMappingsAsync(CancellationToken ct)
    {
        IEnumerable<MappingRow> rows = await QueryAsync<MappingRow>(_sql.Render(QuestDbSql.LatestMappings), null, ct);
        return Readable(rows, UnreadableRows.Mappings, static r => r.ToMapping()).OrderBy(m => m.KalshiTicker, StringComparer.Ordinal).ToList();
    }

    /// <summary>Stages with at least one sample; percentiles in milliseconds.</summary>
    public async Task<IReadOnlyList<StageLatency>> GetLatencyAsync(DateTime from, DateTime to, CancellationToken ct)
    {
        IEnumerable<LatencyRow> rows = await QueryAsync<LatencyRow>(_sql.Render(QuestDbSql.LatencyPercentiles), new { from = Utc(from), to = Utc(to) }, ct);
        return rows.Where(r => r.Samples > 0)
            .Select(static r => r.ToStageLatency())
            .ToList();
    }

    /// <summary>The SQL cross-check of the detector's +EV verdicts (see <see cref="QuestDbSql.PositiveEvAudit"/>).</summary>
    public async Task<IReadOnlyList<PositiveEvAuditRow>> GetPositiveEvAuditAsync(DateTime since, CancellationToken ct)
    {
        IEnumerable<PositiveEvAuditDbRow> rows = await QueryAsync<PositiveEvAuditDbRow>(_sql.Render(QuestDbSql.PositiveEvAudit), new { since = Utc(since) }, ct);
        return Readable(rows, UnreadableRows.PositiveEvAudit, static r => r.ToAuditRow());
    }
}
