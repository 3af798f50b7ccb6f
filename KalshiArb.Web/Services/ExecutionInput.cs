namespace KalshiArb.Web.Services;

/// <summary>
/// A manual execution as typed into the form or posted to <c>POST /api/executions</c>: the Kalshi leg (prices in
/// dollars 0..1, quantity in contracts, fee in dollars) and the optional sportsbook hedge leg (decimal odds,
/// stake in dollars). Nothing here is trusted until <see cref="ExecutionValidator"/> accepts it.
/// </summary>
public sealed class ExecutionInput
{
    public string? OpportunityId { get; set; }

    public string? KalshiTicker { get; set; }

    /// <summary>"yes" or "no".</summary>
    public string? Side { get; set; }

    public decimal? PlannedPrice { get; set; }

    public decimal? KalshiPrice { get; set; }

    public decimal? Quantity { get; set; }

    public decimal? KalshiFee { get; set; }

    public string? KalshiOrderId { get; set; }

    public string? HedgeBook { get; set; }

    public string? HedgeEvent { get; set; }

    public string? HedgeOutcome { get; set; }

    public decimal? PlannedHedgeOdds { get; set; }

    public decimal? HedgeOdds { get; set; }

    public decimal? HedgeStake { get; set; }

    public double? LegGapMs { get; set; }
}
