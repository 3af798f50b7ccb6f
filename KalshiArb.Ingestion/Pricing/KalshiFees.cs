using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pricing;

/// <summary>
/// Kalshi trading fees in dollars (docs/pricing.md gives every rule with its source). Taker: 0.07 × C × P × (1 − P)
/// × multiplier; maker: 0.0175 × C × P × (1 − P) × multiplier on <see cref="KalshiFeeType.QuadraticWithMakerFees"/>
/// series (0.035 on <see cref="KalshiFeeType.QuadraticWithComboMakerFees"/>); each fill's fee rounded up to $0.0001.
/// What an order costs in cash follows the fee-rounding ledger (<see cref="KalshiFeeRounding"/>);
/// <see cref="TakerDebit"/> is that cost for a buy whose fills the order book cannot show.
/// </summary>
/// <remarks>
/// <see cref="KalshiFeeType.Flat"/>: Kalshi's API gives no flat rate (the series' <c>fee_type</c> points at the
/// fee schedule's Specific Trading Fees Table), so the rate is <see cref="SeriesFeeSchedule.FlatFeePerContract"/>
/// when configured, else the quadratic fee's maximum (0.07 × 0.25 = $0.0175 × multiplier a contract) for takers at
/// any price, which can only overstate the cost; makers pay nothing on a flat series.
/// </remarks>
public static class KalshiFees
{
    public const decimal TakerCoefficient = 0.07m;
    public const decimal MakerCoefficient = 0.0175m;
    public const decimal ComboMakerCoefficient = 0.035m;

    /// <summary>The unrounded fee of <paramref name="contracts"/> at <paramref name="price"/>.</summary>
    public static decimal RawFee(decimal price, decimal contracts, SeriesFeeSchedule schedule, DateTime at, bool maker = false)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (price is <= 0m or >= 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, $"Price {price} is outside (0, 1) dollars.");
        }

        if (contracts <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(contracts), contracts, $"Contract count {contracts} must be positive.");
        }

        if (schedule.Multiplier < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(schedule), schedule.Multiplier, $"Fee multiplier {schedule.Multiplier} of series {schedule.SeriesTicker} is negative.");
        }

        if (schedule.WaiverUntil is { } waiverUntil && at < waiverUntil)
        {
            return 0m;
        }

        if (schedule.FeeType == KalshiFeeType.Flat)
        {
            return maker ? 0m : contracts * (schedule.FlatFeePerContract ?? TakerCoefficient * 0.25m * schedule.Multiplier);
        }

        decimal coefficient = (maker, schedule.FeeType) switch
        {
            (false, _) => TakerCoefficient,
            (true, KalshiFeeType.QuadraticWithMakerFees) => MakerCoefficient,
            (true, KalshiFeeType.QuadraticWithComboMakerFees) => ComboMakerCoefficient,
            (true, _) => 0m,
        };
        return coefficient * contracts * price * (1m - price) * schedule.Multiplier;
    }

    /// <summary>The trade fee of one fill: rounded up to $0.0001.</summary>
    public static decimal FillFee(decimal price, decimal contracts, SeriesFeeSchedule schedule, DateTime at, bool maker = false)
        => KalshiFeeRounding.CeilingTo(RawFee(price, contracts, schedule, at, maker), KalshiFeeRounding.TradeFeeIncrement);

    /// <summary>
    /// The most cash a taker buy of <paramref name="fills"/> (price, contracts per level, whole contracts) can take
    /// from the balance. Each price level is made of resting orders the L2 feed does not count, and each one matched
    /// is its own fill with its own trade fee rounded up to $0.0001 and its own balance rounding. Splitting a fill can
    /// only add to the trade fees (a sum of ceilings is at least the ceiling of the sum), so the estimate books every
    /// contract as its own fill through the fee-rounding ledger: with W = Σ (price + trade fee) of each one-contract
    /// fill rounded up to the balance precision and y = W − Σ (price + trade fee) the rounding charged, the rebates
    /// refund every whole cent of y but the last (the accumulator ends in (0, $0.01]), so the debit is
    /// W − ceil_cent(y) + $0.01, or W when nothing was rounded. No split of the levels into resting orders costs more.
    /// </summary>
    public static decimal TakerDebit(IReadOnlyList<BookLevel> fills, SeriesFeeSchedule schedule, DateTime at, KalshiMemberType member)
    {
        ArgumentNullException.ThrowIfNull(fills);
        return TakerDebitOf(fills as BookLevel[] ?? [.. fills], schedule, at, member);
    }

    /// <summary><see cref="TakerDebit"/> over a span: the book walk passes the fills it took on its stack.</summary>
    internal static decimal TakerDebitOf(ReadOnlySpan<BookLevel> fills, SeriesFeeSchedule schedule, DateTime at, KalshiMemberType member)
    {
        decimal precision = KalshiFeeRounding.BalancePrecision(member);
        decimal rounded = 0m, rounding = 0m;
        for (int i = 0; i < fills.Length; i++)
        {
            if (fills[i].Size <= 0m || fills[i].Size != decimal.Truncate(fills[i].Size))
            {
                throw new ArgumentOutOfRangeException(nameof(fills), fills[i].Size, $"Fill of {fills[i].Size} contracts at {fills[i].Price}: a buy takes a positive whole number of contracts.");
            }

            decimal perFill = fills[i].Price + FillFee(fills[i].Price, 1m, schedule, at);
            decimal perFillRounded = KalshiFeeRounding.CeilingTo(perFill, precision);
            rounded += fills[i].Size * perFillRounded;
            rounding += fills[i].Size * (perFillRounded - perFill);
        }

        return rounding == 0m
            ? rounded
            : rounded - KalshiFeeRounding.CeilingTo(rounding, KalshiFeeRounding.RebateIncrement) + KalshiFeeRounding.RebateIncrement;
    }

    /// <summary>
    /// The least cash a taker sale of <paramref name="contracts"/> at <paramref name="price"/> (a bid) credits: the mirror
    /// of <see cref="TakerDebit"/>. Each one-contract fill credits price − trade fee floored to the balance precision;
    /// the rebates give back every whole cent of the rounding y but the last, so the credit is
    /// Σ floored + ceil_cent(y) − $0.01, or Σ floored when nothing was rounded. No split into resting orders credits less.
    /// </summary>
    public static decimal TakerCredit(decimal price, decimal contracts, SeriesFeeSchedule schedule, DateTime at, KalshiMemberType member)
    {
        decimal perFill = price - FillFee(price, 1m, schedule, at);
        decimal floored = decimal.Floor(perFill / KalshiFeeRounding.BalancePrecision(member)) * KalshiFeeRounding.BalancePrecision(member);
        decimal rounding = contracts * (perFill - floored);
        return (contracts * floored)
            + (rounding == 0m ? 0m : KalshiFeeRounding.CeilingTo(rounding, KalshiFeeRounding.RebateIncrement) - KalshiFeeRounding.RebateIncrement);
    }

    /// <summary>The net fee of a taker buy (its <see cref="TakerDebit"/> less the price paid): trade fees plus rounding less rebates.</summary>
    public static decimal TakerNetFee(decimal price, decimal contracts, SeriesFeeSchedule schedule, DateTime at, KalshiMemberType member)
        => TakerDebit([new BookLevel(price, contracts)], schedule, at, member) - (price * contracts);
}
