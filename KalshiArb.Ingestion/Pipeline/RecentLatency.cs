namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// Latency percentiles over the last minute (by default), so the Health page shows how the pipeline does now rather
/// than a figure still dominated by start-up warm-up. The window is six slots of a sixth of it: a value goes to the
/// slot of the moment it is recorded, a slot is cleared when its time comes round again, and a read merges the slots
/// of the last six sixths (the one in progress included), whenever and however rarely it is asked.
/// </summary>
internal sealed class RecentLatency
{
    private const int Slots = 6;

    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly double _slotTimestampTicks;
    private readonly LatencyHistogram[] _slots = new LatencyHistogram[Slots];
    private readonly long[] _periodOfSlot = new long[Slots];
    private readonly Lock _gate = new();

    public RecentLatency(TimeProvider time, TimeSpan? window = null)
    {
        _time = time;
        _origin = time.GetTimestamp();
        _slotTimestampTicks = (window ?? TimeSpan.FromMinutes(1)).TotalSeconds / Slots * time.TimestampFrequency;
        for (int i = 0; i < Slots; i++)
        {
            _slots[i] = new LatencyHistogram();
            _periodOfSlot[i] = i == 0 ? 0 : -1;
        }
    }

    public void Record(TimeSpan latency)
    {
        long period = CurrentPeriod();
        int slot = (int)(period % Slots);
        if (Volatile.Read(ref _periodOfSlot[slot]) != period)
        {
            lock (_gate)
            {
                // The slot last held values of a window ago: cleared once, by whichever thread first gets here.
                if (_periodOfSlot[slot] != period)
                {
                    _slots[slot].Clear();
                    Volatile.Write(ref _periodOfSlot[slot], period);
                }
            }
        }

        _slots[slot].Record(latency);
    }

    /// <summary>The last minute's values in one histogram, merged once for however many percentiles the caller reads.</summary>
    public LatencyHistogram Snapshot()
    {
        long period = CurrentPeriod();
        var merged = new LatencyHistogram();
        for (int slot = 0; slot < Slots; slot++)
        {
            long held = Volatile.Read(ref _periodOfSlot[slot]);
            if (held >= 0 && period - held < Slots)
            {
                merged.Add(_slots[slot]);
            }
        }

        return merged;
    }

    private long CurrentPeriod() => (long)((_time.GetTimestamp() - _origin) / _slotTimestampTicks);
}
