using System.Globalization;
using System.Text;

namespace KalshiArb.Web.Api;

/// <summary>
/// Where the next page of a history read starts: a timestamp and how many rows at exactly that timestamp were already
/// sent. Opaque to callers (base64url text); a value that does not decode is a 400, never a guess.
/// </summary>
internal readonly record struct HistoryCursor(DateTime Ts, int Skip)
{
    public string Encode() => Convert.ToBase64String(Encoding.ASCII.GetBytes($"{Ts.Ticks.ToString(CultureInfo.InvariantCulture)}:{Skip.ToString(CultureInfo.InvariantCulture)}"))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static HistoryCursor? TryDecode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string base64 = text.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        Span<byte> bytes = stackalloc byte[64];
        if (text.Length > 80 || !Convert.TryFromBase64String(base64, bytes, out int written))
        {
            return null;
        }

        string[] parts = Encoding.ASCII.GetString(bytes[..written]).Split(':');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks) && ticks <= DateTime.MaxValue.Ticks
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int skip)
                ? new HistoryCursor(new DateTime(ticks, DateTimeKind.Utc), skip)
                : null;
    }
}
