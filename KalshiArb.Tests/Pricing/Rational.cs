using System.Numerics;

namespace KalshiArb.Tests.Pricing;

/// <summary>Exact fractions for reference arithmetic: nothing is rounded unless a test says so.</summary>
internal readonly record struct Rational : IComparable<Rational>
{
    private Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.Sign < 0)
        {
            (numerator, denominator) = (-numerator, -denominator);
        }

        BigInteger gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        Numerator = gcd.IsOne || gcd.IsZero ? numerator : numerator / gcd;
        Denominator = gcd.IsOne || gcd.IsZero ? denominator : denominator / gcd;
    }

    public BigInteger Numerator { get; }

    public BigInteger Denominator { get; }

    public static Rational Zero { get; } = new(0, 1);

    public static Rational Of(long numerator, long denominator = 1) => new(numerator, denominator);

    /// <summary>The exact value of a decimal: its 96-bit integer over 10^scale.</summary>
    public static Rational Of(decimal value)
    {
        int[] bits = decimal.GetBits(value);
        var magnitude = new BigInteger((uint)bits[0]) + (new BigInteger((uint)bits[1]) << 32) + (new BigInteger((uint)bits[2]) << 64);
        int scale = (bits[3] >> 16) & 0xFF;
        return new Rational(bits[3] < 0 ? -magnitude : magnitude, BigInteger.Pow(10, scale));
    }

    public static Rational operator +(Rational a, Rational b) => new((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Rational operator -(Rational a, Rational b) => new((a.Numerator * b.Denominator) - (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Rational operator *(Rational a, Rational b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Rational operator /(Rational a, Rational b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    /// <summary>The largest multiple of <paramref name="step"/> at or below this value.</summary>
    public Rational FloorTo(Rational step)
    {
        Rational units = this / step;
        BigInteger quotient = BigInteger.DivRem(units.Numerator, units.Denominator, out BigInteger remainder);
        if (remainder.Sign < 0)
        {
            quotient -= 1;
        }

        return new Rational(quotient, 1) * step;
    }

    /// <summary>The smallest multiple of <paramref name="step"/> at or above this value.</summary>
    public Rational CeilingTo(Rational step) => Zero - (Zero - this).FloorTo(step);

    public int CompareTo(Rational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public override string ToString() => $"{Numerator}/{Denominator} (~{(double)Numerator / (double)Denominator})";
}
