using System.Globalization;

namespace KalshiArb.Ingestion.Validation;

/// <summary>
/// The times the history can hold: from the Unix epoch (QuestDB's designated timestamps start there) to the last
/// nanosecond ILP can express (2262-04-11), and venue times within <see cref="IngestionLimits"/>'s window around the
/// moment we received them.
/// </summary>
internal static class StorableTime
{
    /// <summary>long.MaxValue nanoseconds after the epoch, truncated to the microsecond QuestDB keeps.</summary>
    public static readonly DateTime Max = DateTime.UnixEpoch.AddTicks(long.MaxValue / 1000 * 10);

    /// <summary>Null when <paramref name="value"/> (UTC) lies in [1970-01-01, <see cref="Max"/>]; otherwise why not.</summary>
    public static string? Problem(DateTime value) =>
        value < DateTime.UnixEpoch ? $"time {Text(value)} is before 1970-01-01, which QuestDB cannot store"
        : value > Max ? $"time {Text(value)} is after {Text(Max)}, past the ILP nanosecond range"
        : null;

    /// <summary>Null when the venue's <paramref name="exchangeTs"/> lies within the window around <paramref name="receivedAt"/>; otherwise why not.</summary>
    public static string? OutsideWindow(DateTime exchangeTs, DateTime receivedAt, IngestionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        TimeSpan ahead = exchangeTs - receivedAt;
        return ahead > limits.MaxAhead ? $"timestamp {Text(exchangeTs)} is {Span(ahead)} ahead of its receive time (at most {Span(limits.MaxAhead)} allowed)"
            : -ahead > limits.MaxBehind ? $"timestamp {Text(exchangeTs)} is {Span(-ahead)} behind its receive time (at most {Span(limits.MaxBehind)} allowed)"
            : null;
    }

    private static string Text(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string Span(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
