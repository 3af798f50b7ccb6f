namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>
/// Thread-safe counters of the ILP writer for the Health page. Rows: accepted into the buffer, written
/// (acknowledged by QuestDB, replays included), spooled (moved to disk while QuestDB was away), rejected for
/// good (kept in the rejected file), dropped (spool full: the only loss, always counted), invalid (could not be
/// encoded, never buffered).
/// </summary>
internal sealed class IlpWriterMetrics
{
    private long _rowsAccepted;
    private long _rowsWritten;
    private long _rowsSpooled;
    private long _rowsRejected;
    private long _rowsDropped;
    private long _rowsInvalid;
    private long _bytesWritten;
    private long _flushes;
    private long _lastFlushTicks;
    private long _totalFlushTicks;
    private volatile string? _lastError;
    private volatile bool _connected = true;
    private volatile string? _configurationError;
    private long _outageStartedTicks;
    private long _outages;
    private long _lastOutageEndedTicks;
    private long _lastOutageTicks;

    public long RowsAccepted => Interlocked.Read(ref _rowsAccepted);

    public long RowsWritten => Interlocked.Read(ref _rowsWritten);

    public long RowsSpooled => Interlocked.Read(ref _rowsSpooled);

    public long RowsRejected => Interlocked.Read(ref _rowsRejected);

    public long RowsDropped => Interlocked.Read(ref _rowsDropped);

    public long RowsInvalid => Interlocked.Read(ref _rowsInvalid);

    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    public long Flushes => Interlocked.Read(ref _flushes);

    /// <summary>Duration of the latest acknowledged send.</summary>
    public TimeSpan LastFlushLatency => TimeSpan.FromTicks(Interlocked.Read(ref _lastFlushTicks));

    public TimeSpan AverageFlushLatency
    {
        get
        {
            long flushes = Flushes;
            return flushes == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Interlocked.Read(ref _totalFlushTicks) / flushes);
        }
    }

    public string? LastError => _lastError;

    /// <summary>False while the latest send attempt failed (unreachable, or refused as misconfigured).</summary>
    public bool Connected => _connected;

    /// <summary>Set while QuestDB refuses us for a reason only an operator can fix (credentials, address); cleared by the next acknowledged send.</summary>
    public string? ConfigurationError => _configurationError;

    /// <summary>Periods with QuestDB unreachable or refusing us that have ended (a send was acknowledged again).</summary>
    public long Outages => Interlocked.Read(ref _outages);

    /// <summary>Length of the latest ended outage (first failed send to the next acknowledged one).</summary>
    public TimeSpan LastOutage => TimeSpan.FromTicks(Interlocked.Read(ref _lastOutageTicks));

    public DateTime? LastOutageEndedAt
    {
        get
        {
            long ticks = Interlocked.Read(ref _lastOutageEndedTicks);
            return ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc);
        }
    }

    internal void Accepted(int rows) => Interlocked.Add(ref _rowsAccepted, rows);

    internal void Written(int rows, int bytes, TimeSpan latency, DateTime at)
    {
        Interlocked.Add(ref _rowsWritten, rows);
        Interlocked.Add(ref _bytesWritten, bytes);
        Interlocked.Increment(ref _flushes);
        Interlocked.Exchange(ref _lastFlushTicks, latency.Ticks);
        Interlocked.Add(ref _totalFlushTicks, latency.Ticks);
        long started = Interlocked.Exchange(ref _outageStartedTicks, 0);
        if (started != 0)
        {
            Interlocked.Exchange(ref _lastOutageTicks, at.Ticks - started);
            Interlocked.Exchange(ref _lastOutageEndedTicks, at.Ticks);
            Interlocked.Increment(ref _outages);
        }

        _configurationError = null;
        _connected = true;
    }

    internal void Spooled(int rows) => Interlocked.Add(ref _rowsSpooled, rows);

    internal void Rejected(int rows) => Interlocked.Add(ref _rowsRejected, rows);

    internal void Dropped(int rows) => Interlocked.Add(ref _rowsDropped, rows);

    internal void Invalid() => Interlocked.Increment(ref _rowsInvalid);

    internal void Unreachable(DateTime at)
    {
        Interlocked.CompareExchange(ref _outageStartedTicks, at.Ticks, 0);
        _connected = false;
    }

    /// <summary>True when this error differs from the one already reported (so the log says it once, not per attempt).</summary>
    internal bool Misconfigured(string error, DateTime at)
    {
        Unreachable(at);
        string? previous = _configurationError;
        _configurationError = error;
        return previous != error;
    }

    internal void Error(string error)
    {
        _lastError = error;
    }
}
