using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pricing;

/// <summary>Pure P&amp;L ledger over executions and settlements.</summary>
/// <remarks>
/// Settled (the ticker's latest settlement applies):
/// - Kalshi leg: a contract on the winning side pays $1; cost = price × quantity; the logged fee is always lost.
///   Void: the price paid comes back, the fee does not (Kalshi publishes no rule for fees on a void; we assume the
///   worse case, shown where the figure appears and in docs/pricing.md).
/// - Hedge leg (stake and odds logged): the hedge backs the opposite of the Kalshi leg, so it wins exactly when the
///   Kalshi leg loses (the premise of a SAFE mapping): + stake × (odds − 1), rounded down to the cent as books pay;
///   it loses the stake when the Kalshi leg wins; a void refunds it.
/// Open: marked to the latest bid of the held side, quantity × (bid − price) − fee; beside it the liquidation P&amp;L,
/// the cash a taker sale at that bid credits (exit fee and fee rounding paid, <see cref="KalshiFees.TakerCredit"/>)
/// − quantity × price − fee; the hedge leg is carried at cost in both.
/// The logged fee is the order's net fee as Kalshi charged it (trade fees plus fee rounding less rebates), so price ×
/// quantity + fee is the cash the buy took.
/// Marks are reported apart from realized P&amp;L and never counted as losses. Daily rows are by the UTC day of settlement.
/// </remarks>
public static class PnlCalculator
{
    /// <param name="currentBid">the latest bid in dollars for (ticker, side), or null when unknown.</param>
    /// <param name="saleCredit">the cash a taker sale of the execution's contracts at a bid credits; no liquidation figures without it.</param>
    public static PnlReport Compute(
        IReadOnlyList<Execution> executions,
        IReadOnlyList<Settlement> settlements,
        Func<string, Side, decimal?> currentBid,
        Func<Execution, decimal, decimal>? saleCredit = null)
    {
        ArgumentNullException.ThrowIfNull(executions);
        ArgumentNullException.ThrowIfNull(settlements);
        ArgumentNullException.ThrowIfNull(currentBid);

        Dictionary<string, Settlement> latest = settlements
            .GroupBy(s => s.Ticker, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.Ts)!, StringComparer.Ordinal);

        var rows = new List<ExecutionPnl>(executions.Count);
        var realizedByDay = new SortedDictionary<DateOnly, decimal>();
        decimal realized = 0m, marked = 0m, liquidation = 0m, fees = 0m;
        foreach (Execution execution in executions)
        {
            Validate(execution);
            fees += execution.KalshiFee;
            if (latest.TryGetValue(execution.KalshiTicker, out Settlement? settlement))
            {
                decimal pnl = KalshiLeg(execution, settlement.Result) + HedgeLeg(execution, settlement.Result);
                realized += pnl;
                DateOnly day = DateOnly.FromDateTime(settlement.Ts.Kind == DateTimeKind.Local ? settlement.Ts.ToUniversalTime() : settlement.Ts);
                realizedByDay[day] = realizedByDay.GetValueOrDefault(day) + pnl;
                rows.Add(new ExecutionPnl(execution.ExecutionId, execution.KalshiTicker, true, pnl, null));
            }
            else
            {
                decimal? bid = currentBid(execution.KalshiTicker, execution.KalshiSide);
                decimal? mark = bid is { } b ? (execution.Quantity * (b - execution.KalshiPrice)) - execution.KalshiFee : null;
                decimal? liquidate = bid is { } sale && saleCredit is not null
                    ? saleCredit(execution, sale) - (execution.Quantity * execution.KalshiPrice) - execution.KalshiFee
                    : null;
                marked += mark ?? 0m;
                liquidation += liquidate ?? 0m;
                rows.Add(new ExecutionPnl(execution.ExecutionId, execution.KalshiTicker, false, null, mark, liquidate));
            }
        }

        var daily = new List<DailyPnl>(realizedByDay.Count);
        decimal cumulative = 0m;
        foreach ((DateOnly day, decimal amount) in realizedByDay)
        {
            cumulative += amount;
            daily.Add(new DailyPnl(day, amount, cumulative));
        }

        return new PnlReport(realized, marked, fees, daily, rows, liquidation);
    }

    private static decimal KalshiLeg(Execution execution, SettlementResult result)
    {
        decimal cost = execution.KalshiPrice * execution.Quantity;
        decimal payout = result switch
        {
            SettlementResult.Void => cost,
            _ when KalshiLegWins(execution.KalshiSide, result) => execution.Quantity,
            _ => 0m,
        };
        return payout - cost - execution.KalshiFee;
    }

    private static decimal HedgeLeg(Execution execution, SettlementResult result)
    {
        if (execution is not { HedgeStake: { } stake, HedgeOdds: { } odds } || result == SettlementResult.Void)
        {
            return 0m;
        }

        return KalshiLegWins(execution.KalshiSide, result)
            ? -stake
            : decimal.Floor(stake * (odds - 1m) * 100m) / 100m;
    }

    private static bool KalshiLegWins(Side side, SettlementResult result)
        => (side == Side.Yes && result == SettlementResult.Yes) || (side == Side.No && result == SettlementResult.No);

    private static void Validate(Execution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        if (execution.Quantity <= 0m || execution.KalshiPrice is <= 0m or >= 1m || execution.KalshiFee < 0m)
        {
            throw new ArgumentException(
                $"Execution {execution.ExecutionId} is invalid: quantity {execution.Quantity}, price {execution.KalshiPrice}, fee {execution.KalshiFee}.",
                nameof(execution));
        }

        if (execution.HedgeStake is { } stake && (stake < 0m || execution.HedgeOdds is not > 1m))
        {
            throw new ArgumentException(
                $"Execution {execution.ExecutionId} has an invalid hedge: stake {stake}, odds {execution.HedgeOdds}.",
                nameof(execution));
        }
    }
}
