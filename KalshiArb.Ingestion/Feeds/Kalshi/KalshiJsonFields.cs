using System.Globalization;
using System.Text.Json;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// Reading one field of a Kalshi message: fixed-point dollar prices in [0, 1], <c>*_fp</c> quantities, the retired
/// integer-cent fields, timestamps. A value that is there but wrong throws <see cref="FormatException"/> naming the field.
/// </summary>
internal static class KalshiJsonFields
{
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    /// <summary><c>ts_ms</c> (Unix ms) when present, else <c>ts</c> (Unix seconds), as UTC.</summary>
    internal static DateTime? ExchangeTime(JsonElement msg)
    {
        if (OptionalLong(msg, "ts_ms") is { } ms)
        {
            return FromUnix(ms, 1);
        }

        return OptionalLong(msg, "ts") is { } seconds ? FromUnix(seconds, 1000) : null;
    }

    internal static DateTime FromUnix(long value, long toMilliseconds)
    {
        try
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(checked(value * toMilliseconds)).UtcDateTime;
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or OverflowException)
        {
            throw new FormatException($"timestamp {value} is out of range");
        }
    }

    internal static decimal? OptionalPrice(JsonElement msg, string name, string? centsName = null)
    {
        if (msg.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null)
        {
            return Price(value, name);
        }

        return centsName is not null && msg.TryGetProperty(centsName, out JsonElement cents) && cents.ValueKind != JsonValueKind.Null
            ? Cents(cents, centsName)
            : null;
    }

    internal static decimal? OptionalQuantity(JsonElement msg, string name, string? countName, bool allowNegative)
    {
        if (msg.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null)
        {
            return Quantity(value, name, allowNegative);
        }

        return countName is not null && msg.TryGetProperty(countName, out JsonElement count) && count.ValueKind != JsonValueKind.Null
            ? Count(count, countName, allowNegative)
            : null;
    }

    /// <summary>A retired integer-cent price (0 to 100) in dollars.</summary>
    internal static decimal Cents(JsonElement value, string name)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long cents) || cents is < 0 or > 100)
        {
            throw new FormatException($"{name} is not a whole number of cents in [0, 100]");
        }

        return cents / 100m;
    }

    /// <summary>A retired whole-contract count.</summary>
    internal static decimal Count(JsonElement value, string name, bool allowNegative)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long count) || (!allowNegative && count < 0))
        {
            throw new FormatException($"{name} is not a whole{(allowNegative ? "" : " non-negative")} number of contracts");
        }

        return count;
    }

    internal static decimal Price(JsonElement value, string name)
    {
        decimal price = DecimalString(value, name);
        if (price is < 0m or > 1m)
        {
            throw new FormatException($"{name} {price.ToString(CultureInfo.InvariantCulture)} is outside [0, 1]");
        }

        return price;
    }

    internal static decimal Quantity(JsonElement value, string name, bool allowNegative)
    {
        decimal quantity = DecimalString(value, name);
        if (!allowNegative && quantity < 0m)
        {
            throw new FormatException($"{name} {quantity.ToString(CultureInfo.InvariantCulture)} is negative");
        }

        return quantity;
    }

    internal static decimal DecimalString(JsonElement value, string name)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"{name} is not a decimal string");
        }

        string text = value.GetString()!;
        if (!decimal.TryParse(text, DecimalStyle, CultureInfo.InvariantCulture, out decimal result))
        {
            throw new FormatException($"{name} '{Truncate(text)}' is not a decimal");
        }

        return result;
    }

    internal static string RequiredString(JsonElement msg, string name)
    {
        string? value = OptionalString(msg, name);
        return string.IsNullOrWhiteSpace(value) ? throw new FormatException($"{name} is missing") : value;
    }

    internal static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static long? OptionalLong(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long result)
            ? result
            : null;

    internal static string Truncate(string text) => text.Length <= 32 ? text : text[..32] + "...";
}
