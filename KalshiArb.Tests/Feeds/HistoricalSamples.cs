using KalshiArb.Ingestion.Validation;

namespace KalshiArb.Tests.Feeds;

/// <summary>
/// The venue samples these tests replay carry the timestamps of the venues' own examples (2022, 2025), far behind
/// the clock the feeds run on: the window is widened to ten years for them. The window itself is tested with times
/// around the receive time in <c>HostileInputFaultTests</c>.
/// </summary>
internal static class HistoricalSamples
{
    public static readonly IngestionLimits Limits = new() { MaxBehind = TimeSpan.FromDays(3650) };
}
