using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pricing;

/// <summary>
/// Kalshi trading fees in dollars. Taker: 0.07 × C × P × (1 − P) × multiplier; maker: 0.0175 × C × P × (1 − P)
/// × multiplier on <see cref="KalshiFeeType.QuadraticWithMakerFees"/> series only.
/// Rounding: each fill is rounded up to $0.0001; Kalshi's per-order accumulator refunds whole-cent overcharges,
/// so an order costs its fills' total rounded up to the cent — <see cref="OrderFee(IEnumerable{BookLevel}, SeriesFeeSchedule, DateTime, bool)"/>
/// is what one pays in aggregate and what edges are judged on.
/// </summary>
/// <remarks>
/// <see cref="KalshiFeeType.Flat"/>: the public schedule does not give the flat rate, so we charge the quadratic
/// fee's maximum (its value at P = 0.50: 0.07 × 0.25 = $0.0175 × multiplier per contract) for takers at any
/// price, and nothing for makers. That can only overstate the cost, never hide it.
/// </remarks>
public static class KalshiFees
{
    public const decimal TakerCoefficient = 0.07m;
    public const decimal MakerCoefficient = 0.0175m;
    private const decimal FillIncrement = 0.0001m;
    private const decimal OrderIncrement = 0.01m;
    // Increments per dollar: multiplying by these equals dividing by the increments, exactly, and is much cheaper.
    private const decimal FillIncrementsPerDollar = 10_000m;
    private const decimal OrderIncrementsPerDollar = 100m;

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

        decimal coefficient = (maker, schedule.FeeType) switch
        {
            (false, _) => TakerCoefficient,
            (true, KalshiFeeType.QuadraticWithMakerFees) => MakerCoefficient,
            (true, _) => 0m,
        };
        decimal variance = schedule.FeeType == KalshiFeeType.Flat ? 0.25m : price * (1m - price);
        return coefficient * contracts * variance * schedule.Multiplier;
    }

    /// <summary>The fee of one fill: rounded up to $0.0001.</summary>
    public static decimal FillFee(decimal price, decimal contracts, SeriesFeeSchedule schedule, DateTime at, bool maker = false)
        => RoundUp(RawFee(price, contracts, schedule, at, maker), FillIncrementsPerDollar, FillIncrement);

    /// <summary>The fee of an order filled at one price: rounded up to the cent.</summary>
    public static decimal OrderFee(decimal price, decimal contracts, SeriesFeeSchedule schedule, DateTime at, bool maker = false)
        => RoundUp(FillFee(price, contracts, schedule, at, maker), OrderIncrementsPerDollar, OrderIncrement);

    /// <summary>The fee of an order that fills at several levels: the fills' fees summed, rounded up to the cent.</summary>
    public static decimal OrderFee(IEnumerable<BookLevel> fills, SeriesFeeSchedule schedule, DateTime at, bool maker = false)
    {
        ArgumentNullException.ThrowIfNull(fills);
        decimal total = 0m;
        if (fills is IReadOnlyList<BookLevel> list)
        {
            // Indexed, so the walk's many small orders do not each allocate an enumerator.
            for (int i = 0; i < list.Count; i++)
            {
                total += FillFee(list[i].Price, list[i].Size, schedule, at, maker);
            }
        }
        else
        {
            foreach (BookLevel fill in fills)
            {
                total += FillFee(fill.Price, fill.Size, schedule, at, maker);
            }
        }

        return RoundUp(total, OrderIncrementsPerDollar, OrderIncrement);
    }

    private static decimal RoundUp(decimal value, decimal incrementsPerDollar, decimal increment) => decimal.Ceiling(value * incrementsPerDollar) * increment;
}
