using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// Puts the sinks (history store, Redis hot cache, live stream, ...) behind their own queue and thread, so a consumer
/// hands over an event and its transitions and goes on to the next event without waiting on any sink. One FIFO for
/// all shards: a consumer enqueues under its shard's lock, so one game's events and transitions reach the sinks in
/// order, and the single sink thread keeps each sink seeing one caller at a time. Bounded: when full, the consumer
/// waits for room (back-pressure up to the channel and the feeds; nothing is dropped) and the wait is counted.
/// Shutdown waits for the sinks at most <see cref="PipelineOptions.SinkDrainTimeoutSeconds"/>: a stalled sink then
/// leaves its items undelivered, counted and logged, and the host still stops.
/// </summary>
internal sealed partial class SinkQueue : IDisposable
{
    // Items the sink thread takes per lock acquisition.
    private const int BatchSize = 256;

    private readonly SinkItem[] _ring;
    private readonly SinkItem[] _batch = new SinkItem[BatchSize];
    private readonly object _gate = new();
    private readonly SinkFanOut _fanOut;
    private readonly Thread _thread;
    private readonly TimeSpan _drainTimeout;
    private readonly ILogger _logger;
    private int _head;
    private int _count;
    private long _enqueued;
    private long _delivered;
    private long _fullWaits;
    private bool _readerWaiting;
    private int _othersWaiting;
    private bool _completed;
    // Set when shutdown starts: from then on every wait on the sinks ends by this Stopwatch timestamp.
    private long _drainDeadline;
    private volatile bool _abandoned;
    private long _undelivered;
    // Items of the sink thread's current batch not yet handed to every sink.
    private volatile int _inFlight;

    public SinkQueue(IEnumerable<IPipelineSink> sinks, PipelineMetrics metrics, IOptions<PipelineOptions> options, ILogger<SinkQueue> logger)
        : this(sinks, metrics, options.Value.SinkQueueCapacity, logger, TimeSpan.FromSeconds(options.Value.SinkDrainTimeoutSeconds))
    {
    }

    internal SinkQueue(IEnumerable<IPipelineSink> sinks, PipelineMetrics metrics, int capacity, ILogger logger, TimeSpan? drainTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new SinkItem[capacity];
        _drainTimeout = drainTimeout ?? TimeSpan.FromSeconds(30);
        _logger = logger;
        _fanOut = new SinkFanOut(sinks, metrics, logger);
        metrics.SinkQueue = this;
        _thread = new Thread(Run) { IsBackground = true, Name = "pipeline-sinks" };
        _thread.Start();
    }

    public int Capacity => _ring.Length;

    public IReadOnlyList<IPipelineSink> Sinks => _fanOut.Sinks;

    public int Depth
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Hand-overs that found the queue full and waited for the sinks to make room.</summary>
    public long FullWaits => Interlocked.Read(ref _fullWaits);

    /// <summary>Items shutdown gave up on because a sink did not return in time (0 unless a sink stalled).</summary>
    public long Undelivered => Interlocked.Read(ref _undelivered);

    /// <summary>
    /// Waits until everything enqueued before the call has been handed to every sink; once shutdown has begun
    /// (<see cref="BeginDrain"/>), no longer than the drain timeout.
    /// </summary>
    public void Flush()
    {
        lock (_gate)
        {
            long target = _enqueued;
            _othersWaiting++;
            while (_delivered < target && WaitForSinks())
            {
            }

            _othersWaiting--;
        }
    }

    internal void Enqueue(MarketEvent marketEvent) => Add(new SinkItem(marketEvent, null));

    internal void Enqueue(Opportunity opportunity) => Add(new SinkItem(null, opportunity));

    private void Add(SinkItem item)
    {
        lock (_gate)
        {
            if (_abandoned)
            {
                // A sink never returned from shutdown's drain: calling the sinks now would run beside it.
                _undelivered++;
                return;
            }

            if (_completed)
            {
                // Shutting down: the thread is gone, but nothing is dropped.
                Deliver(item);
                return;
            }

            if (_count == _ring.Length)
            {
                Interlocked.Increment(ref _fullWaits);
                _othersWaiting++;
                bool room = true;
                while (_count == _ring.Length && (room = WaitForSinks()))
                {
                }

                _othersWaiting--;
                if (!room)
                {
                    _undelivered++;
                    return;
                }
            }

            _ring[(_head + _count) % _ring.Length] = item;
            _count++;
            _enqueued++;
            if (_readerWaiting)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    private void Run()
    {
        int taken = 0;
        while (true)
        {
            lock (_gate)
            {
                _delivered += taken;
                if (_othersWaiting > 0)
                {
                    // Writers waiting for room and flushes waiting for delivery share the monitor.
                    Monitor.PulseAll(_gate);
                }

                while (_count == 0 || _abandoned)
                {
                    if (_completed || _abandoned)
                    {
                        return;
                    }

                    _readerWaiting = true;
                    Monitor.Wait(_gate);
                    _readerWaiting = false;
                }

                taken = Math.Min(_count, BatchSize);
                for (int i = 0; i < taken; i++)
                {
                    int slot = (_head + i) % _ring.Length;
                    _batch[i] = _ring[slot];
                    _ring[slot] = default;
                }

                _head = (_head + taken) % _ring.Length;
                _count -= taken;
                _inFlight = taken;
                if (_othersWaiting > 0)
                {
                    // There is room now: a writer that filled the ring while this thread slept must not wait for the batch's delivery.
                    Monitor.PulseAll(_gate);
                }
            }

            for (int i = 0; i < taken && !_abandoned; i++)
            {
                Deliver(_batch[i]);
                _batch[i] = default;
                _inFlight = taken - i - 1;
            }
        }
    }

    private void Deliver(SinkItem item)
    {
        if (item.Event is not null)
        {
            _fanOut.Deliver(item.Event);
        }
        else
        {
            _fanOut.Deliver(item.Opportunity!);
        }
    }

    /// <summary>One hand-over: an event or a transition, never both.</summary>
    private readonly record struct SinkItem(MarketEvent? Event, Opportunity? Opportunity);
}
