using System.Globalization;
using System.Net.Http.Headers;

namespace KalshiArb.Ingestion.Feeds.Odds;

/// <summary>
/// The quota headers of one response: <c>x-requests-remaining</c>, <c>x-requests-used</c> and <c>x-requests-last</c>
/// (what this request cost). NaN where the header is missing.
/// </summary>
internal sealed record OddsApiQuota(double Remaining, double Used, double Last)
{
    public static OddsApiQuota Read(HttpResponseHeaders headers) =>
        new(Header(headers, "x-requests-remaining"), Header(headers, "x-requests-used"), Header(headers, "x-requests-last"));

    private static double Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out IEnumerable<string>? values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : double.NaN;
}
