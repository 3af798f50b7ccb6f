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

    /// <summary>What the opportunity planned: the walk's average price over the levels it takes (may sit between ticks).</summary>
    public decimal? PlannedPrice { get; set; }

    /// <summary>
    /// Form only, never stored: the limit price to send for the planned size, the worst level the walk takes, on the
    /// market's tick grid. The fill price starts here.
    /// </summary>
    public decimal? LimitPrice { get; set; }

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
