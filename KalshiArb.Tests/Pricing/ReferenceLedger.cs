using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Tests.Pricing;

/// <summary>
/// An independent reading, in exact fractions, of Kalshi's fee formula and fee-rounding page
/// (docs.kalshi.com/getting_started/fee_rounding): the reference the product's closed forms are checked against.
/// One instance books one order's fills in sequence and keeps the running cash debit.
/// </summary>
internal sealed class ReferenceLedger(KalshiMemberType member)
{
    private static readonly Rational Centicent = Rational.Of(1, 10_000);
    private static readonly Rational Cent = Rational.Of(1, 100);

    private readonly Rational _precision = member == KalshiMemberType.Direct ? Centicent : Cent;
    private Rational _accumulator = Rational.Zero;

    /// <summary>Cash taken from the balance so far: −Σ floored balance changes − Σ rebates.</summary>
    public Rational Debit { get; private set; } = Rational.Zero;

    /// <summary>The fee model for a taker: 0.07 × C × P × (1 − P) × multiplier, or a flat amount a contract; zero while waived.</summary>
    public static Rational TakerTradeFee(Rational price, Rational contracts, SeriesFeeSchedule schedule, bool waived)
    {
        if (waived)
        {
            return Rational.Zero;
        }

        if (schedule.FeeType == KalshiFeeType.Flat)
        {
            Rational perContract = schedule.FlatFeePerContract is { } flat
                ? Rational.Of(flat)
                : Rational.Of(7, 100) * Rational.Of(1, 4) * Rational.Of(schedule.Multiplier);
            return contracts * perContract;
        }

        return Rational.Of(7, 100) * contracts * price * (Rational.Of(1) - price) * Rational.Of(schedule.Multiplier);
    }

    /// <summary>One fill: trade fee up to $0.0001, revenue − fee floored to the precision, rounding accumulated, a cent rebated once it exceeds a cent.</summary>
    public void Book(Rational revenue, Rational rawTradeFee)
    {
        Rational tradeFee = rawTradeFee.CeilingTo(Centicent);
        Rational exact = revenue - tradeFee;
        Rational floored = exact.FloorTo(_precision);
        _accumulator += exact - floored;
        Debit -= floored;
        if (_accumulator > Cent)
        {
            _accumulator -= Cent;
            Debit -= Cent;
        }
    }
}
