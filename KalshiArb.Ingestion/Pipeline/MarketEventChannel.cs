using System.Threading.Channels;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// The bounded channel every feed writes to and the single consumer reads from. When it is full, writers wait
/// (explicit backpressure: no event is ever dropped); how often and how long they waited is counted, as are
/// events written and read, so the Health page shows where the pipeline stands.
/// </summary>
public sealed class MarketEventChannel
{
    private readonly Channel<MarketEvent> _channel;
    private readonly TimeProvider _time;
    private long _written;
    private long _read;
    private long _blockedWrites;
    private long _blockedTimestampTicks;

    public MarketEventChannel(int capacity, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _time = time;
        _channel = Channel.CreateBounded<MarketEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        Writer = new MarketEventWriter(this, _channel.Writer);
    }

    public int Capacity { get; }

    /// <summary>What feeds write to. Completing it is ignored: the channel is shared and outlives any one feed.</summary>
    public ChannelWriter<MarketEvent> Writer { get; }

    public long Written => Interlocked.Read(ref _written);

    public long Read => Interlocked.Read(ref _read);

    public int Depth => _channel.Reader.Count;

    /// <summary>Writes that found the channel full and had to wait.</summary>
    public long BlockedWrites => Interlocked.Read(ref _blockedWrites);

    /// <summary>Total time writers spent waiting for room.</summary>
    public TimeSpan BlockedTime => _time.GetElapsedTime(0, Interlocked.Read(ref _blockedTimestampTicks));

    public bool TryRead(out MarketEvent marketEvent)
    {
        if (_channel.Reader.TryRead(out MarketEvent? read))
        {
            Interlocked.Increment(ref _read);
            marketEvent = read;
            return true;
        }

        marketEvent = null!;
        return false;
    }

    public ValueTask<bool> WaitToReadAsync(CancellationToken ct) => _channel.Reader.WaitToReadAsync(ct);

    internal void CountWritten() => Interlocked.Increment(ref _written);

    internal long BlockStarted()
    {
        Interlocked.Increment(ref _blockedWrites);
        return _time.GetTimestamp();
    }

    internal void BlockEnded(long startedAt) => Interlocked.Add(ref _blockedTimestampTicks, _time.GetTimestamp() - startedAt);
}
