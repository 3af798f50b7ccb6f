namespace KalshiArb.Ingestion.Abstractions;

/// <summary>
/// Thread-safe counters of one feed, read by the Health page: messages, parse errors (bad messages are
/// counted and skipped, never silently), unknown message types, sequence gaps, reconnects, connection state and last lag.
/// </summary>
internal sealed class FeedMetrics(string feedName, TimeProvider time) : IHealthSource
{
    private readonly RateMeter _rate = new(time);
    private long _messages;
    private long _parseErrors;
    private long _sequenceGaps;
    private long _unknownMessages;
    private long _reconnects;
    private long _lastLagTicks;
    private volatile string _state = "starting";
    private volatile string? _lastError;
    private volatile bool _connected;

    public string FeedName { get; } = feedName;

    public long Messages => Interlocked.Read(ref _messages);

    public long ParseErrors => Interlocked.Read(ref _parseErrors);

    public long SequenceGaps => Interlocked.Read(ref _sequenceGaps);

    public long UnknownMessages => Interlocked.Read(ref _unknownMessages);

    public long Reconnects => Interlocked.Read(ref _reconnects);

    public bool Connected => _connected;

    public string? LastError => _lastError;

    public TimeSpan LastLag => TimeSpan.FromTicks(Interlocked.Read(ref _lastLagTicks));

    public void MessageReceived(TimeSpan lag)
    {
        Interlocked.Increment(ref _messages);
        Interlocked.Exchange(ref _lastLagTicks, lag.Ticks);
    }

    public void ParseError(string error)
    {
        Interlocked.Increment(ref _parseErrors);
        _lastError = error;
    }

    public void SequenceGap() => Interlocked.Increment(ref _sequenceGaps);

    /// <summary>A well-formed message of a type the feed does not know (a venue addition, not bad data).</summary>
    public void UnknownMessage() => Interlocked.Increment(ref _unknownMessages);

    public void Reconnected() => Interlocked.Increment(ref _reconnects);

    public void SetState(bool connected, string state, string? error = null)
    {
        _connected = connected;
        _state = state;
        if (error is not null)
        {
            _lastError = error;
        }
    }

    /// <summary>Messages per second since the previous call (the Health page polls this about once a second).</summary>
    public double SampleRate() => _rate.Sample(Messages);

    public ComponentHealth GetHealth()
    {
        HealthLevel level = _connected ? HealthLevel.Healthy : HealthLevel.Down;
        var figures = new Dictionary<string, double>
        {
            ["messages"] = Messages,
            ["messages_per_s"] = SampleRate(),
            ["lag_ms"] = LastLag.TotalMilliseconds,
            ["reconnects"] = Reconnects,
            ["sequence_gaps"] = SequenceGaps,
            ["parse_errors"] = ParseErrors,
            ["unknown_messages"] = UnknownMessages,
        };
        string message = _lastError is null ? _state : $"{_state}; last error: {_lastError}";
        return new ComponentHealth($"feed:{FeedName}", level, message, figures, time.GetUtcNow().UtcDateTime);
    }
}
