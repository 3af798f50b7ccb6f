using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Storage.Redis;

/// <summary>
/// Opportunity transitions waiting to be published, in order, in a preallocated ring. Full, the caller (the sink
/// thread) waits for the next flush to make room, and the wait is counted: back-pressure, not loss. The wait is
/// bounded by the flush loop, which empties the ring every interval (publishing it, or counting it as dropped while
/// Redis is down). Serialized to JSON at flush time, not here.
/// </summary>
internal sealed class RedisPublishQueue(int capacity)
{
    private readonly object _gate = new();
    private readonly Opportunity[] _ring = new Opportunity[capacity];
    private int _head;
    private int _count;
    private bool _closed;
    private long _fullWaits;

    /// <summary>Transitions that found the queue full and waited for a flush.</summary>
    public long FullWaits => Interlocked.Read(ref _fullWaits);

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Queues a transition, waiting for room when full; false once closed (nothing will publish it).</summary>
    public bool Add(Opportunity opportunity)
    {
        lock (_gate)
        {
            if (_count == _ring.Length && !_closed)
            {
                Interlocked.Increment(ref _fullWaits);
                while (_count == _ring.Length && !_closed)
                {
                    Monitor.Wait(_gate);
                }
            }

            if (_closed)
            {
                return false;
            }

            _ring[(_head + _count) % _ring.Length] = opportunity;
            _count++;
            return true;
        }
    }

    /// <summary>Moves every queued transition, oldest first, into <paramref name="into"/> and wakes a waiting caller.</summary>
    public void TakeAll(List<Opportunity> into)
    {
        into.Clear();
        lock (_gate)
        {
            for (int i = 0; i < _count; i++)
            {
                int slot = (_head + i) % _ring.Length;
                into.Add(_ring[slot]);
                _ring[slot] = null!;
            }

            _head = 0;
            _count = 0;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>No more flushes: a caller waiting for room, and every later one, gets false.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }
}
