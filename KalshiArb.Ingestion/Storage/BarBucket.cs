namespace KalshiArb.Ingestion.Storage;

/// <summary>The one rule for a chart bar's width and alignment, shared by every history store so they accept the same buckets and cut them alike.</summary>
internal static class BarBucket
{
    public static void Validate(TimeSpan bucket)
    {
        if (bucket < TimeSpan.FromSeconds(1) || bucket.Ticks % TimeSpan.TicksPerSecond != 0 || (bucket.Ticks <= TimeSpan.TicksPerDay
                ? TimeSpan.TicksPerDay % bucket.Ticks != 0
                : bucket.Ticks % TimeSpan.TicksPerDay != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(bucket), bucket, "A bucket must be whole seconds that divide a day (e.g. 1s, 5s, 1m, 15m, 1h) or whole days.");
        }
    }

    /// <summary>Start of the bucket holding <paramref name="ts"/>: a multiple of the bucket since the epoch, as QuestDB aligns SAMPLE BY ... ALIGN TO CALENDAR.</summary>
    public static DateTime Start(DateTime ts, TimeSpan bucket)
    {
        long sinceEpoch = ts.Ticks - DateTime.UnixEpoch.Ticks;
        return new DateTime(ts.Ticks - (sinceEpoch % bucket.Ticks), DateTimeKind.Utc);
    }
}
