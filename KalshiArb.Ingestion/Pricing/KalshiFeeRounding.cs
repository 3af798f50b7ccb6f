namespace KalshiArb.Ingestion.Pricing;

/// <summary>
/// Kalshi's fee-rounding ledger (docs.kalshi.com/getting_started/fee_rounding, read 2026-12-05), one order at a time.
/// Per fill: the trade fee is rounded up to $0.0001; balance_change = revenue − trade fee is floored toward −∞ to the
/// member's balance precision ($0.01 ordinary, $0.0001 direct) and the difference is the rounding fee; the rounding
/// accumulates over the order's fills and, once it exceeds $0.01, a $0.01 rebate is paid and the accumulator drops by
/// $0.01. The page says "exceeds": an accumulator of exactly $0.01 is kept, not refunded (the dearer reading).
/// </summary>
internal static class KalshiFeeRounding
{
    public const decimal TradeFeeIncrement = 0.0001m;
    public const decimal RebateIncrement = 0.01m;

    /// <summary>The increment a member's balance is kept at.</summary>
    public static decimal BalancePrecision(KalshiMemberType member) => member == KalshiMemberType.Direct ? 0.0001m : 0.01m;

    /// <summary>
    /// Books an order's fills in the order they happened. <paramref name="fills"/> are (revenue, trade fee): revenue
    /// signed as Kalshi signs it (−price × contracts for a buy), the trade fee as the fee model gives it (rounded up here).
    /// </summary>
    public static IReadOnlyList<FeeRoundingFill> Book(IReadOnlyList<(decimal Revenue, decimal TradeFee)> fills, KalshiMemberType member)
    {
        ArgumentNullException.ThrowIfNull(fills);
        decimal precision = BalancePrecision(member);
        var booked = new FeeRoundingFill[fills.Count];
        decimal accumulator = 0m;
        for (int i = 0; i < fills.Count; i++)
        {
            (decimal revenue, decimal rawTradeFee) = fills[i];
            if (rawTradeFee < 0m)
            {
                throw new ArgumentOutOfRangeException(nameof(fills), rawTradeFee, $"Fill {i} has a negative trade fee {rawTradeFee}.");
            }

            decimal tradeFee = CeilingTo(rawTradeFee, TradeFeeIncrement);
            decimal exact = revenue - tradeFee;
            decimal balanceChange = decimal.Floor(exact / precision) * precision;
            decimal roundingFee = exact - balanceChange;
            accumulator += roundingFee;
            decimal accumulated = accumulator;
            decimal rebate = 0m;
            if (accumulator > RebateIncrement)
            {
                rebate = RebateIncrement;
                accumulator -= RebateIncrement;
            }

            booked[i] = new FeeRoundingFill(tradeFee, roundingFee, accumulated, rebate, tradeFee + roundingFee - rebate, balanceChange);
        }

        return booked;
    }

    /// <summary>The cash an order takes from the balance: −Σ balance change − Σ rebate.</summary>
    public static decimal Debit(IReadOnlyList<FeeRoundingFill> booked)
    {
        ArgumentNullException.ThrowIfNull(booked);
        decimal debit = 0m;
        foreach (FeeRoundingFill fill in booked)
        {
            debit -= fill.BalanceChange + fill.Rebate;
        }

        return debit;
    }

    internal static decimal CeilingTo(decimal value, decimal increment) => decimal.Ceiling(value / increment) * increment;
}
