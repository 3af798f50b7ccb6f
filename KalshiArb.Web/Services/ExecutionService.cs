using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Validation;
using Microsoft.Extensions.Options;

namespace KalshiArb.Web.Services;

/// <summary>Validates and stores manual executions (awaited, so the user learns whether it was stored).</summary>
internal sealed partial class ExecutionService(IHistoryStore history, IMarketReader market, TimeProvider time, ILogger<ExecutionService> logger, IOptions<IngestionLimits> limits)
{
    public async Task<ExecutionResult> LogAsync(ExecutionInput input, string user, CancellationToken ct)
    {
        IReadOnlyDictionary<string, string> errors = ExecutionValidator.Validate(input, market.GetMarket, limits.Value);
        if (errors.Count > 0)
        {
            return new ExecutionResult(null, errors);
        }

        var execution = new Execution(
            ExecutionId: Guid.NewGuid().ToString("N"),
            OpportunityId: Blank(input.OpportunityId),
            KalshiTicker: input.KalshiTicker!.Trim(),
            KalshiSide: ExecutionValidator.ParseSide(input.Side)!.Value,
            PlannedPrice: input.PlannedPrice!.Value,
            KalshiPrice: input.KalshiPrice!.Value,
            Quantity: input.Quantity!.Value,
            KalshiFee: input.KalshiFee ?? 0m,
            KalshiOrderId: Blank(input.KalshiOrderId),
            HedgeBook: Blank(input.HedgeBook),
            HedgeEvent: Blank(input.HedgeEvent),
            HedgeOutcome: Blank(input.HedgeOutcome),
            PlannedHedgeOdds: input.PlannedHedgeOdds,
            HedgeOdds: input.HedgeOdds,
            HedgeStake: input.HedgeStake,
            LegGapMs: input.LegGapMs,
            Ts: time.GetUtcNow().UtcDateTime);
        await history.RecordExecutionAsync(execution, ct);
        LogLogged(logger, execution.ExecutionId, execution.KalshiTicker, user);
        return new ExecutionResult(execution, new Dictionary<string, string>());
    }

    /// <summary>
    /// The last figures stored for an opportunity that has left the open list (a trader logging a fill often arrives
    /// after it closed): its last open or update row of the last day, or null when none is stored.
    /// </summary>
    public async Task<Opportunity?> LastStoredAsync(string opportunityId, CancellationToken ct)
    {
        DateTime now = time.GetUtcNow().UtcDateTime;
        IReadOnlyList<Opportunity> rows = await history.GetOpportunityRowsAsync(opportunityId, now.AddDays(-1), now.AddMinutes(1), ct);
        return rows.LastOrDefault(row => row.State != OpportunityState.Close);
    }

    /// <summary>Stored executions the latest <see cref="RecentAsync"/> had to skip because they could not be read.</summary>
    public int UnreadableInLastRead => history.Unreadable.LastRead(UnreadableRows.Executions);

    /// <summary>Executions of the last <paramref name="days"/> days, newest first.</summary>
    public async Task<IReadOnlyList<Execution>> RecentAsync(int days, CancellationToken ct)
    {
        DateTime now = time.GetUtcNow().UtcDateTime;
        IReadOnlyList<Execution> executions = await history.GetExecutionsAsync(now.AddDays(-days), now.AddMinutes(1), ct);
        return [.. executions.OrderByDescending(e => e.Ts)];
    }

    /// <summary>The Kalshi quote at each fill of the last <paramref name="days"/> days (the window of <see cref="RecentAsync"/>), by execution id.</summary>
    public async Task<IReadOnlyDictionary<string, FillQuote>> QuotesAtFillAsync(int days, CancellationToken ct)
    {
        DateTime now = time.GetUtcNow().UtcDateTime;
        IReadOnlyList<FillQuote> quotes = await history.GetFillQuotesAsync(now.AddDays(-days), now.AddMinutes(1), ct);
        return quotes.ToDictionary(q => q.ExecutionId, StringComparer.Ordinal);
    }

    /// <summary>
    /// A form prefilled from an open opportunity: ticker, side, planned (walk average) price, the limit price to send
    /// and planned hedge. The limit is the worst level the planned size takes on the current <paramref name="book"/>,
    /// or the average rounded up to the market's price grid when the book no longer holds that size (left as planned
    /// when the grid is unknown); the fill price starts at the limit, for the user to correct to the real fill. The fee
    /// starts at the opportunity's net fee (trade fees plus fee rounding, so price × quantity + fee is the cash debit).
    /// Computed figures (a walk average, decimal odds from American, a hedge stake) are rounded to the
    /// <see cref="StorableNumber.MaxDecimals"/> decimals the validator accepts.
    /// </summary>
    public static ExecutionInput FromOpportunity(Opportunity opportunity, PriceGrid? grid, BookView? book)
    {
        decimal limit = WorstLevel(opportunity, book) ?? grid?.CeilingOf(opportunity.KalshiPrice) ?? opportunity.KalshiPrice;
        return new()
        {
            OpportunityId = opportunity.OpportunityId,
            KalshiTicker = opportunity.KalshiTicker,
            Side = opportunity.Side == Side.Yes ? "yes" : "no",
            PlannedPrice = Storable(opportunity.KalshiPrice),
            LimitPrice = limit,
            KalshiPrice = limit,
            Quantity = opportunity.Size,
            KalshiFee = Storable(opportunity.Fee),
            HedgeBook = opportunity.Kind == OpportunityKind.HedgedArb ? opportunity.Book : null,
            HedgeEvent = opportunity.Kind == OpportunityKind.HedgedArb ? opportunity.SportsbookEvent : null,
            PlannedHedgeOdds = opportunity.Kind == OpportunityKind.HedgedArb ? Storable(opportunity.BookOdds) : null,
            HedgeOdds = opportunity.Kind == OpportunityKind.HedgedArb ? Storable(opportunity.BookOdds) : null,
            HedgeStake = opportunity.Kind == OpportunityKind.HedgedArb ? Storable(opportunity.HedgeStake) : null,
        };
    }

    /// <summary>The price of the ask level at which buying the opportunity's size, cheapest first, is complete; null when the book holds less.</summary>
    private static decimal? WorstLevel(Opportunity opportunity, BookView? book)
    {
        if (book is null)
        {
            return null;
        }

        decimal filled = 0m;
        foreach (BookLevel level in BookWalk.AskLadder(opportunity.Side == Side.Yes ? book.NoBids : book.YesBids))
        {
            filled += level.Size;
            if (filled >= opportunity.Size)
            {
                return level.Price;
            }
        }

        return null;
    }

    private static decimal Storable(decimal value) => decimal.Round(value, StorableNumber.MaxDecimals);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [LoggerMessage(Level = LogLevel.Information, Message = "Execution {ExecutionId} on {Ticker} logged by {User}")]
    private static partial void LogLogged(ILogger logger, string executionId, string ticker, string user);
}
