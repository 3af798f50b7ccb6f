using System.Globalization;

namespace KalshiArb.Ingestion.Validation;

/// <summary>
/// The numbers a DOUBLE column gives back exactly. Values are written as their decimal digits and read back with
/// <c>(decimal)double</c>, which keeps 15 significant digits: a value of at most <see cref="Ceiling"/> in magnitude
/// with at most <see cref="MaxDecimals"/> decimals has at most 15, so it comes back as it went in. Anything else is
/// refused where it enters rather than rounded silently (or, past decimal's range, made unreadable).
/// </summary>
public static class StorableNumber
{
    /// <summary>10^9: nine digits before the point and six after make fifteen.</summary>
    public const decimal Ceiling = 1_000_000_000m;

    public const int MaxDecimals = 6;

    /// <summary>Null when <paramref name="value"/> lies in [<paramref name="min"/>, <paramref name="max"/>] with at most <paramref name="maxDecimals"/> decimals; otherwise why not.</summary>
    public static string? Problem(decimal value, decimal min, decimal max, int maxDecimals = MaxDecimals)
    {
        if (value < min || value > max)
        {
            return $"{Text(value)} is outside [{Text(min)}, {Text(max)}]";
        }

        return Decimals(value) > maxDecimals ? $"{Text(value)} has more than {maxDecimals} decimals" : null;
    }

    /// <summary>Null when <paramref name="value"/> is a finite number in [<paramref name="min"/>, <paramref name="max"/>]; otherwise why not.</summary>
    public static string? Problem(double value, double min, double max) =>
        !double.IsFinite(value) ? $"{value.ToString(CultureInfo.InvariantCulture)} is not a finite number"
        : value < min || value > max ? $"{value.ToString("R", CultureInfo.InvariantCulture)} is outside [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]"
        : null;

    /// <summary>Decimals that carry a digit: 0.4500 has 2.</summary>
    public static int Decimals(decimal value)
    {
        int scale = value.Scale;
        while (scale > 0 && decimal.Round(value, scale - 1) == value)
        {
            scale--;
        }

        return scale;
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
