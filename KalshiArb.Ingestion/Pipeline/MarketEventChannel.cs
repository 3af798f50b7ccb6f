using System.Threading.Channels;
using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// The bounded channel every feed writes to and the consumers read from: one queue per shard of games
/// (<see cref="GameRouter"/>), each read by its own consumer, so one game's events stay in order while games of
/// different shards are processed in parallel. When a shard's queue is full, writers to it wait (explicit
/// backpressure: no event is ever dropped); how often and how long they waited is counted, as are events written
/// and read, so the Health page shows where the pipeline stands.
/// </summary>
internal sealed class MarketEventChannel
{
    private readonly Channel<MarketEvent>[] _shards;
    private readonly ShardSignal[] _signals;
    private readonly GameRouter? _router;
    private readonly TimeProvider _time;
    private long _written;
    private long _read;
    private long _blockedWrites;
    private long _blockedTimestampTicks;

    /// <summary>One queue: every event goes to the one consumer.</summary>
    public MarketEventChannel(int capacity, TimeProvider time)
        : this(capacity, time, router: null)
    {
    }

    /// <summary>One queue per shard of <paramref name="router"/>, holding <paramref name="capacity"/> events between them.</summary>
    public MarketEventChannel(int capacity, TimeProvider time, GameRouter? router)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _time = time;
        _router = router;
        int shards = router?.Shards ?? 1;
        int perShard = Math.Max(1, (capacity + shards - 1) / shards);
        _shards = new Channel<MarketEvent>[shards];
        _signals = new ShardSignal[shards];
        for (int i = 0; i < shards; i++)
        {
            _signals[i] = new ShardSignal();
            _shards[i] = Channel.CreateBounded<MarketEvent>(new BoundedChannelOptions(perShard)
            {
                FullMode = BoundedChannelFullMode.Wait,
                SingleReader = true,
                SingleWriter = false,
            });
        }

        Writer = new MarketEventWriter(this);
    }

    public int Capacity { get; }

    public int Shards => _shards.Length;

    /// <summary>What feeds write to. Completing it is ignored: the channel is shared and outlives any one feed.</summary>
    public ChannelWriter<MarketEvent> Writer { get; }

    public long Written => Interlocked.Read(ref _written);

    public long Read => Interlocked.Read(ref _read);

    public int Depth
    {
        get
        {
            int depth = 0;
            foreach (Channel<MarketEvent> shard in _shards)
            {
                depth += shard.Reader.Count;
            }

            return depth;
        }
    }

    /// <summary>Times a consumer went to sleep on an empty queue, all shards together (see <see cref="ShardSignal"/>).</summary>
    public long ConsumerSleeps => _signals.Sum(signal => signal.Sleeps);

    /// <summary>Writes that found the channel full and had to wait.</summary>
    public long BlockedWrites => Interlocked.Read(ref _blockedWrites);

    /// <summary>Total time writers spent waiting for room.</summary>
    public TimeSpan BlockedTime => _time.GetElapsedTime(0, Interlocked.Read(ref _blockedTimestampTicks));

    /// <summary>Reads the next event of any shard (the first shard holding one).</summary>
    public bool TryRead(out MarketEvent marketEvent)
    {
        for (int shard = 0; shard < _shards.Length; shard++)
        {
            if (TryRead(shard, out marketEvent))
            {
                return true;
            }
        }

        marketEvent = null!;
        return false;
    }

    public bool TryRead(int shard, out MarketEvent marketEvent)
    {
        if (_shards[shard].Reader.TryRead(out MarketEvent? read))
        {
            Interlocked.Increment(ref _read);
            marketEvent = read;
            return true;
        }

        marketEvent = null!;
        return false;
    }

    /// <summary>The next event of <paramref name="shard"/>, left in its queue (its one reader then reads this one).</summary>
    public bool TryPeek(int shard, out MarketEvent marketEvent)
    {
        if (_shards[shard].Reader.TryPeek(out MarketEvent? next))
        {
            marketEvent = next;
            return true;
        }

        marketEvent = null!;
        return false;
    }

    /// <summary>Waits until any shard holds an event.</summary>
    public async ValueTask<bool> WaitToReadAsync(CancellationToken ct)
    {
        if (_shards.Length == 1)
        {
            return await WaitToReadAsync(0, ct).ConfigureAwait(false);
        }

        Task<bool>[] waits = [.. _shards.Select(shard => shard.Reader.WaitToReadAsync(ct).AsTask())];
        return await await Task.WhenAny(waits).ConfigureAwait(false);
    }

    public ValueTask<bool> WaitToReadAsync(int shard, CancellationToken ct) => _shards[shard].Reader.WaitToReadAsync(ct);

    /// <summary>The shard that owns <paramref name="marketEvent"/>'s game.</summary>
    internal int ShardOf(MarketEvent marketEvent) => _router?.ShardOf(marketEvent) ?? 0;

    internal ChannelWriter<MarketEvent> ShardWriter(int shard) => _shards[shard].Writer;

    /// <summary>How a shard's consumer thread waits for writes (see <see cref="ShardSignal"/>).</summary>
    internal ShardSignal SignalOf(int shard) => _signals[shard];

    /// <summary>Room in every shard's queue (or false once one is closed).</summary>
    internal async ValueTask<bool> WaitToWriteAsync(CancellationToken ct)
    {
        foreach (Channel<MarketEvent> shard in _shards)
        {
            if (!await shard.Writer.WaitToWriteAsync(ct).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Counts a write to <paramref name="shard"/> and wakes its consumer if it sleeps.</summary>
    internal void OnWritten(int shard)
    {
        Interlocked.Increment(ref _written);
        _signals[shard].Written();
    }

    internal long BlockStarted()
    {
        Interlocked.Increment(ref _blockedWrites);
        return _time.GetTimestamp();
    }

    internal void BlockEnded(long startedAt) => Interlocked.Add(ref _blockedTimestampTicks, _time.GetTimestamp() - startedAt);
}
