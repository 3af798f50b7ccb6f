using System.Globalization;

namespace KalshiArb.Ingestion.Validation;

/// <summary>
/// Text the store keeps exactly as given: no control characters (QuestDB refuses NUL only after the batch is sent,
/// and a line break has no place in a name or id), no lone UTF-16 surrogate (UTF-8 cannot carry one: it would be
/// replaced by U+FFFD, so two distinct keys could merge into one row), and bounded in length (a huge value makes
/// every read of its table slow or fail).
/// </summary>
public static class StorableText
{
    /// <summary>Null when <paramref name="value"/> can be stored faithfully; otherwise why not.</summary>
    public static string? Problem(string value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > maxLength)
        {
            return $"is {value.Length} characters long, more than {maxLength}";
        }

        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsControl(c))
            {
                return $"contains the control character U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)} at position {i}";
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"contains a lone UTF-16 surrogate U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)} at position {i}, which UTF-8 cannot store";
            }
        }

        return null;
    }
}
