using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pricing;

/// <summary>Pure P&amp;L ledger over executions and settlements.</summary>
public static class PnlCalculator
{
    /// <param name="currentBid">the latest bid in dollars for (ticker, side), or null when unknown.</param>
    public static PnlReport Compute(IReadOnlyList<Execution> executions, IReadOnlyList<Settlement> settlements, Func<string, Side, decimal?> currentBid) => throw new NotImplementedException();
}
