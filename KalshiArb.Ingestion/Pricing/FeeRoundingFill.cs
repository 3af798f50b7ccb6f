namespace KalshiArb.Ingestion.Pricing;

/// <summary>
/// One fill of an order as Kalshi's fee-rounding ledger books it, in dollars: <paramref name="TradeFee"/> (the fee
/// model's fee rounded up to $0.0001), <paramref name="RoundingFee"/> (what flooring the balance change to the member's
/// precision added), <paramref name="Accumulator"/> (the order's accumulated rounding with this fill's, before its rebate, as the page's
/// tables show it),
/// <paramref name="Rebate"/> (whole cents refunded from the accumulator), <paramref name="NetFee"/> = trade fee +
/// rounding fee − rebate, and <paramref name="BalanceChange"/> (revenue − trade fee, floored; the rebate is credited apart).
/// </summary>
internal sealed record FeeRoundingFill(
    decimal TradeFee,
    decimal RoundingFee,
    decimal Accumulator,
    decimal Rebate,
    decimal NetFee,
    decimal BalanceChange);
