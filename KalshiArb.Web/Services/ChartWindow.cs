namespace KalshiArb.Web.Services;

/// <summary>A selectable chart window and the SAMPLE BY bucket that keeps it near 200–300 points.</summary>
internal sealed record ChartWindow(string Key, string Label, TimeSpan Span, TimeSpan Bucket)
{
    public static readonly ChartWindow FifteenMinutes = new("15m", "Last 15 min", TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(5));
    public static readonly ChartWindow OneHour = new("1h", "Last hour", TimeSpan.FromHours(1), TimeSpan.FromSeconds(15));
    public static readonly ChartWindow OneDay = new("1d", "Last day", TimeSpan.FromDays(1), TimeSpan.FromMinutes(5));

    public static IReadOnlyList<ChartWindow> All { get; } = [FifteenMinutes, OneHour, OneDay];

    public static ChartWindow? Parse(string? key) => All.FirstOrDefault(w => string.Equals(w.Key, key, StringComparison.OrdinalIgnoreCase));
}
