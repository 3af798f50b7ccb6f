namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>How the ILP writer batches, retries and spools.</summary>
public sealed record IlpWriterOptions
{
    /// <summary>Flush once this many rows are waiting.</summary>
    public int AutoFlushRows { get; init; } = 1000;

    /// <summary>Flush at least this often while rows are waiting.</summary>
    public TimeSpan AutoFlushInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Attempts per live batch before it goes to the spool (retriable failures only).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>First retry delay; doubles per attempt.</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between attempts to replay the spool while QuestDB stays away.</summary>
    public TimeSpan MaxReplayBackoff { get; init; } = TimeSpan.FromSeconds(10);

    public string SpoolDirectory { get; init; } = "data/spool";

    public long SpoolMaxBytes { get; init; } = 1L << 30;
}
