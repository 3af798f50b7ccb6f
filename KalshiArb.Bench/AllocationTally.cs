namespace KalshiArb.Bench;

/// <summary>
/// Bytes allocated on the measuring thread, split by stage (market state, detector) and by event type, so a
/// figure's bytes per event say where they come from.
/// </summary>
internal sealed class AllocationTally
{
    private readonly Dictionary<Type, (long Events, long State, long Detector)> _byType = [];

    public void Add(Type eventType, long stateBytes, long detectorBytes)
    {
        (long events, long state, long detector) = _byType.GetValueOrDefault(eventType);
        _byType[eventType] = (events + 1, state + stateBytes, detector + detectorBytes);
    }

    /// <summary>"state 1,234 B/event (BookDelta 2,000, ...), detector 56 B/event (...)".</summary>
    public string Describe()
    {
        long events = _byType.Values.Sum(t => t.Events);
        (Type Type, (long Events, long State, long Detector) Sums)[] types =
            [.. _byType.OrderBy(t => t.Key.Name, StringComparer.Ordinal).Select(t => (t.Key, t.Value))];
        string Stage(Func<(long Events, long State, long Detector), long> bytes) => Format.Inv(
            $"{types.Sum(t => bytes(t.Sums)) / (double)Math.Max(events, 1):N0} B/event ({string.Join(", ", types.Select(t => Format.Inv($"{t.Type.Name} {bytes(t.Sums) / (double)t.Sums.Events:N0}")))})");
        return $"state {Stage(t => t.State)}, detector {Stage(t => t.Detector)}";
    }
}
