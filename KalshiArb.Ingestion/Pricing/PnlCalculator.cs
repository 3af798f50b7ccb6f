using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pricing;

/// <summary>Pure P&amp;L ledger over executions and settlements.</summary>
/// <remarks>
/// Settled (the ticker's latest settlement applies):
/// - Kalshi leg: a contract on the winning side pays $1; cost = price × quantity; the logged fee is always lost.
///   Void: the price paid comes back, the fee does not (Kalshi's handling of fees on a void is not published; assume the worse).
/// - Hedge leg (stake and odds logged): the hedge backs the opposite of the Kalshi leg, so it wins exactly when the
///   Kalshi leg loses (the premise of a SAFE mapping): + stake × (odds − 1), rounded down to the cent as books pay;
///   it loses the stake when the Kalshi leg wins; a void refunds it.
/// Open: marked to the latest bid of the held side, quantity × (bid − price) − fee; the hedge leg is carried at cost.
/// Marks are reported apart from realized P&amp;L and never counted as losses. Daily rows are by the UTC day of settlement.
/// </remarks>
public static class PnlCalculator
{
    /// <param name="currentBid">the latest bid in dollars for (ticker, side), or null when unknown.</param>
    public static PnlReport Compute(IReadOnlyList<Execution> executions, IReadOnlyList<Settlement> settlements, Func<string, Side, decimal?> currentBid)
    {
        ArgumentNullException.ThrowIfNull(executions);
        ArgumentNullException.ThrowIfNull(settlements);
        ArgumentNullException.ThrowIfNull(currentBid);

        Dictionary<string, Settlement> latest = settlements
            .GroupBy(s => s.Ticker, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.Ts)!, StringComparer.Ordinal);

        var rows = new List<ExecutionPnl>(executions.Count);
        var realizedByDay = new SortedDictionary<DateOnly, decimal>();
        decimal realized = 0m, marked = 0m, fees = 0m;
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
                decimal? mark = currentBid(execution.KalshiTicker, execution.KalshiSide) is { } bid
                    ? (execution.Quantity * (bid - execution.KalshiPrice)) - execution.KalshiFee
                    : null;
                marked += mark ?? 0m;
                rows.Add(new ExecutionPnl(execution.ExecutionId, execution.KalshiTicker, false, null, mark));
            }
        }

        var daily = new List<DailyPnl>(realizedByDay.Count);
        decimal cumulative = 0m;
        foreach ((DateOnly day, decimal amount) in realizedByDay)
        {
            cumulative += amount;
            daily.Add(new DailyPnl(day, amount, cumulative));
        }

        return new PnlReport(realized, marked, fees, daily, rows);
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
