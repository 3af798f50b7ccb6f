using System.ComponentModel.DataAnnotations;

namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>
/// How the ILP writer batches, retries and spools. Built from <c>QuestDb</c> settings (<see cref="QuestDb.QuestDbOptions.ToWriterOptions"/>),
/// which validate it at start; the writer checks it again when built directly.
/// </summary>
public sealed record IlpWriterOptions
{
    /// <summary>Flush once this many rows are waiting.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "QuestDb:AutoFlushRows (auto_flush_rows) must be at least 1.")]
    public int AutoFlushRows { get; init; } = 1000;

    /// <summary>Flush at least this often while rows are waiting.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "QuestDb:AutoFlushInterval (auto_flush_interval) must lie between 1 ms and 1 hour.")]
    public TimeSpan AutoFlushInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Attempts per live batch before it goes to the spool (retriable failures only).</summary>
    [Range(1, 100, ErrorMessage = "MaxAttempts must lie between 1 and 100.")]
    public int MaxAttempts { get; init; } = 3;

    /// <summary>First retry delay; doubles per attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ErrorMessage = "RetryBackoff must lie between 1 ms and 10 minutes.")]
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between attempts to replay the spool while QuestDB stays away.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "MaxReplayBackoff must lie between 1 ms and 1 hour.")]
    public TimeSpan MaxReplayBackoff { get; init; } = TimeSpan.FromSeconds(10);

    [Required(AllowEmptyStrings = false, ErrorMessage = "QuestDb:SpoolDirectory must name a directory.")]
    public string SpoolDirectory { get; init; } = "data/spool";

    [Range(typeof(long), "1024", "9223372036854775807", ErrorMessage = "QuestDb:SpoolMaxBytes must be at least 1024.")]
    public long SpoolMaxBytes { get; init; } = 1L << 30;
}
