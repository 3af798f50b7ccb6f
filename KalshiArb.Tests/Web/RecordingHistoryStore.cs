using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;

namespace KalshiArb.Tests.Web;

/// <summary>A history store double: keeps writes in lists and answers reads from what the test put in.</summary>
internal sealed class RecordingHistoryStore : IHistoryStore, IHealthSource
{
    private readonly Lock _gate = new();

    public string Backend => "test";

    public ComponentHealth GetHealth() => new("test-history", HealthLevel.Healthy, "recording", new Dictionary<string, double>(), WebTestData.Now);

    public List<Execution> Executions { get; } = [];

    public List<Settlement> Settlements { get; } = [];

    public List<EventMapping> Mappings { get; } = [];

    public List<Opportunity> Opportunities { get; } = [];

    public List<QuoteBar> Bars { get; } = [];

    public List<FairProbPoint> FairProbs { get; } = [];

    /// <summary>Ticks and quotes the closing-line reads answer from.</summary>
    public List<KalshiTick> Ticks { get; } = [];

    public List<SportsbookQuote> Quotes { get; } = [];

    /// <summary>The arguments of the last quote-bar query: ticker, from, to, bucket.</summary>
    public (string Ticker, DateTime From, DateTime To, TimeSpan Bucket)? LastBarQuery { get; private set; }

    /// <summary>Keeps ticks and quotes for the closing-line reads; other events are dropped.</summary>
    public void OnMarketEvent(MarketEvent marketEvent)
    {
        lock (_gate)
        {
            switch (marketEvent)
            {
                case KalshiTick tick: Ticks.Add(tick); break;
                case SportsbookQuote quote: Quotes.Add(quote); break;
            }
        }
    }

    public void OnOpportunity(Opportunity opportunity)
    {
        lock (_gate)
        {
            Opportunities.Add(opportunity);
        }
    }

    public Task RecordExecutionAsync(Execution execution, CancellationToken ct)
    {
        lock (_gate)
        {
            Executions.Add(execution);
        }

        return Task.CompletedTask;
    }

    public Task RecordSettlementAsync(Settlement settlement, CancellationToken ct)
    {
        lock (_gate)
        {
            Settlements.Add(settlement);
        }

        return Task.CompletedTask;
    }

    /// <summary>When set, RecordMappingAsync throws it (a store refusing or failing the write).</summary>
    public Exception? MappingWriteFailure { get; set; }

    public Task RecordMappingAsync(EventMapping mapping, CancellationToken ct)
    {
        if (MappingWriteFailure is { } failure)
        {
            return Task.FromException(failure);
        }

        lock (_gate)
        {
            Mappings.Add(mapping);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<QuoteBar>> GetQuoteBarsAsync(string ticker, DateTime from, DateTime to, TimeSpan bucket, CancellationToken ct)
    {
        LastBarQuery = (ticker, from, to, bucket);
        return Task.FromResult<IReadOnlyList<QuoteBar>>([.. Bars]);
    }

    public Task<IReadOnlyList<FairProbPoint>> GetFairProbSeriesAsync(string eventId, string marketType, string outcome, DateTime from, DateTime to, TimeSpan bucket, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<FairProbPoint>>([.. FairProbs]);

    public Task<IReadOnlyList<Opportunity>> GetOpportunitiesAsync(DateTime from, DateTime to, string? ticker, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Opportunity>>([.. Opportunities.Where(o => o.Ts >= from && o.Ts < to && (ticker is null || o.KalshiTicker == ticker))]);
        }
    }

    /// <summary>What <see cref="GetFillQuotesAsync"/> answers, whatever the window.</summary>
    public List<FillQuote> FillQuotes { get; } = [];

    public Task<IReadOnlyList<FillQuote>> GetFillQuotesAsync(DateTime from, DateTime to, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<FillQuote>>([.. FillQuotes]);
        }
    }

    /// <summary>When set, GetExecutionsAsync throws it (a store that does not answer).</summary>
    public Exception? ReadFailure { get; set; }

    public Task<IReadOnlyList<Execution>> GetExecutionsAsync(DateTime from, DateTime to, CancellationToken ct)
    {
        if (ReadFailure is { } failure)
        {
            return Task.FromException<IReadOnlyList<Execution>>(failure);
        }

        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Execution>>([.. Executions.Where(e => e.Ts >= from && e.Ts < to)]);
        }
    }

    public Task<IReadOnlyList<Settlement>> GetSettlementsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<Settlement>>([.. Settlements]);

    public Task<IReadOnlyList<EventMapping>> GetMappingsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<EventMapping>>([.. Mappings]);


    public Task<IReadOnlyList<StageLatency>> GetLatencyAsync(DateTime from, DateTime to, CancellationToken ct) => Task.FromResult<IReadOnlyList<StageLatency>>([]);

    public Task<KalshiTick?> GetKalshiTickAtAsync(string ticker, DateTime at, CancellationToken ct) =>
        Task.FromResult(Ticks.Where(t => t.Ticker == ticker && t.ExchangeTs <= at && (t.LastPrice is not null || (t.YesBid is not null && t.YesAsk is not null)))
            .OrderBy(t => t.ExchangeTs).LastOrDefault());

    public Task<IReadOnlyList<SportsbookQuote>> GetSportsbookQuotesAtAsync(string eventId, string marketType, DateTime at, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<SportsbookQuote>>([.. Quotes.Where(q => q.EventId == eventId && q.MarketType == marketType && q.ExchangeTs <= at)]);

    /// <summary>Events the replay reads answer with, in the order the test put them in.</summary>
    public List<MarketEvent> ReplayEvents { get; } = [];

    public Task<IReadOnlyList<Opportunity>> GetOpportunityRowsAsync(string opportunityId, DateTime from, DateTime to, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Opportunity>>([.. Opportunities.Where(o => o.OpportunityId == opportunityId && o.Ts >= from && o.Ts <= to).OrderBy(o => o.Ts)]);

    public Task<IReadOnlyList<MarketEvent>> GetReplayEventsAsync(ReplayScope scope, DateTime from, DateTime to, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<MarketEvent>>([.. ReplayEvents]);
}
