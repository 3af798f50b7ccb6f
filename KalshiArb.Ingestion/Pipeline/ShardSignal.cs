namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// Wakes a shard's consumer thread directly when an event is written to its queue: a sequence number the consumer
/// can spin on for a few microseconds, then an event it blocks on. Writers pay for a kernel wake-up only while the
/// consumer is actually asleep, and no thread-pool continuation sits between the write and the consumer.
/// </summary>
internal sealed class ShardSignal : IDisposable
{
    // An idle consumer still looks at its queue this often: a bound on the cost of any wake-up that goes astray.
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMilliseconds(50);

    private readonly ManualResetEventSlim _wake = new(initialState: false, spinCount: 1);
    private int _sequence;
    private int _sleeping;
    private int _stopped;
    private long _sleeps;

    /// <summary>Changes with every write; a consumer compares it with what it saw before its last read.</summary>
    public int Sequence => Volatile.Read(ref _sequence);

    /// <summary>Set once by <see cref="Stop"/>: the consumer finishes and leaves the rest to the shutdown drain.</summary>
    public bool Stopped => Volatile.Read(ref _stopped) != 0;

    /// <summary>Times the consumer went to sleep: each one costs the next event a kernel wake-up.</summary>
    public long Sleeps => Interlocked.Read(ref _sleeps);

    /// <summary>Called by a writer after its event is in the queue.</summary>
    public void Written()
    {
        // Full fence: either the consumer sees the new sequence, or this writer sees that it is asleep.
        Interlocked.Increment(ref _sequence);
        if (Volatile.Read(ref _sleeping) != 0)
        {
            _wake.Set();
        }
    }

    /// <summary>Blocks until a write after <paramref name="seen"/> (or <see cref="Stop"/>); returns at once if one already came.</summary>
    public void Sleep(int seen)
    {
        _wake.Reset();
        Interlocked.Exchange(ref _sleeping, 1);
        if (Sequence == seen && !Stopped)
        {
            Interlocked.Increment(ref _sleeps);
            _wake.Wait(LongestSleep);
        }

        Volatile.Write(ref _sleeping, 0);
    }

    /// <summary>Stops the consumer: wakes it whatever its state, and it sleeps no more.</summary>
    public void Stop()
    {
        Interlocked.Exchange(ref _stopped, 1);
        _wake.Set();
    }

    public void Dispose() => _wake.Dispose();
}
