using System.Globalization;

namespace KalshiArb.Web.Services;

/// <summary>
/// How this viewer reads times: in the browser's own time zone (<paramref name="Zone"/>) or in UTC, as chosen in
/// the app bar and remembered by the browser. Cascaded from the layout; a new instance re-renders its readers.
/// </summary>
internal sealed record ViewerClock(TimeZoneInfo Zone, bool ShowUtc)
{
    /// <summary>Before the browser has said where it is (prerendering, tests): UTC, labelled as such.</summary>
    public static readonly ViewerClock Utc = new(TimeZoneInfo.Utc, ShowUtc: true);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The zone times are shown in.</summary>
    public TimeZoneInfo Shown => ShowUtc ? TimeZoneInfo.Utc : Zone;

    /// <summary>"Sat 5 Dec 18:00", in the shown zone, with " UTC" appended when that is UTC.</summary>
    public string Game(DateTime utc) => Local(utc).ToString("ddd d MMM HH:mm", Invariant) + Suffix;

    /// <summary>"18:02:11", in the shown zone.</summary>
    public string TimeOfDay(DateTime utc) => Local(utc).ToString("HH:mm:ss", Invariant) + Suffix;

    /// <summary>"2026-12-05 18:00:00 UTC": the hover text beside every local time.</summary>
    public static string UtcStamp(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss", Invariant) + " UTC";

    /// <summary>Builds the clock from the browser's IANA zone name; an unknown zone falls back to UTC.</summary>
    public static ViewerClock From(string? ianaZone, bool showUtc) =>
        new(ianaZone is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(ianaZone, out TimeZoneInfo? zone) ? zone : TimeZoneInfo.Utc, showUtc);

    private string Suffix => ShowUtc || Zone == TimeZoneInfo.Utc ? " UTC" : "";

    private DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Shown);
}
