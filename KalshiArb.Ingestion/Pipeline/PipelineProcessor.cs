using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Logging;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// The work done for each event: update market state, run the detector, stamp the decision, then hand the event
/// and every opportunity transition to the sinks in registration order. Events are processed per shard of games
/// (the detector's <see cref="GameRouter"/>): a shard's events and its stale sweep take that shard's lock, so shards
/// run in parallel and one game's events in order. With a <see cref="SinkQueue"/> (as the host runs it) the sinks
/// are called on the queue's thread and a consumer never waits on them; without one they are called inline under
/// one lock shared by all shards. Either way each sink sees one caller at a time and a game's events and
/// transitions in order; a failing sink is counted and logged, and the others still get the event.
/// </summary>
internal sealed class PipelineProcessor
{
    private readonly MarketState _state;
    private readonly Detector _detector;
    private readonly PipelineMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<PipelineProcessor> _logger;
    private readonly Lock[] _gates;
    private readonly SinkQueue? _queue;
    private readonly SinkFanOut? _inline;
    private readonly Lock _sinkGate = new();

    public PipelineProcessor(MarketState state, Detector detector, IEnumerable<IPipelineSink> sinks, PipelineMetrics metrics, TimeProvider time, ILogger<PipelineProcessor> logger, SinkQueue? sinkQueue = null)
    {
        _state = state;
        _detector = detector;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _queue = sinkQueue;
        _inline = sinkQueue is null ? new SinkFanOut(sinks, metrics, logger) : null;
        Sinks = sinkQueue?.Sinks ?? _inline!.Sinks;
        _gates = new Lock[detector.Router.Shards];
        for (int i = 0; i < _gates.Length; i++)
        {
            _gates[i] = new Lock();
        }
    }

    public IReadOnlyList<IPipelineSink> Sinks { get; }

    /// <summary>What this processor reports to; the consumers add how they wait.</summary>
    internal PipelineMetrics Metrics => _metrics;

    /// <summary>Shards of games, each processed by one consumer.</summary>
    public int Shards => _gates.Length;

    public void Process(MarketEvent marketEvent)
    {
        lock (_gates[_detector.Router.ShardOf(marketEvent)])
        {
            ProcessLocked(marketEvent);
        }
    }

    /// <summary>Processes up to <paramref name="max"/> waiting events of any shard, each under its shard's lock; returns how many.</summary>
    public int Drain(MarketEventChannel channel, int max)
    {
        int count = 0;
        while (count < max && channel.TryRead(out MarketEvent marketEvent))
        {
            Process(marketEvent);
            count++;
        }

        return count;
    }

    /// <summary>
    /// Processes up to <paramref name="max"/> waiting events of one shard under its lock; returns how many. The
    /// channel must be split like the detector (the same <see cref="GameRouter"/>).
    /// </summary>
    public int Drain(MarketEventChannel channel, int shard, int max)
    {
        int count = 0;
        lock (_gates[shard])
        {
            while (count < max && channel.TryRead(shard, out MarketEvent marketEvent))
            {
                ProcessLocked(marketEvent);
                count++;
            }
        }

        return count;
    }

    /// <summary>Waits until every event and transition handed over so far has reached every sink.</summary>
    public void FlushSinks() => _queue?.Flush();

    /// <summary>Shutdown has begun: waits on the sinks end at the drain timeout from now (<see cref="SinkQueue.BeginDrain"/>).</summary>
    public void BeginSinkDrain() => _queue?.BeginDrain();

    /// <summary>Closes opportunities whose legs went stale, shard by shard, and hands the closes to the sinks.</summary>
    public void Sweep(DateTime nowUtc)
    {
        for (int shard = 0; shard < _gates.Length; shard++)
        {
            lock (_gates[shard])
            {
                IReadOnlyList<Opportunity> closed;
                try
                {
                    closed = _detector.Sweep(shard, nowUtc);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    PipelineLog.SweepFailed(_logger, ex, _metrics.ProcessingFailed());
                    continue;
                }

                HandOver(null, closed);
            }
        }

        _metrics.Swept();
    }

    private void ProcessLocked(MarketEvent marketEvent)
    {
        IReadOnlyList<Opportunity> transitions = [];
        long started = _time.GetTimestamp();
        try
        {
            if (_state.Apply(marketEvent))
            {
                transitions = _detector.OnEvent(marketEvent);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The event is still accepted data: it goes on to storage even though state or detection choked on it.
            long failures = _metrics.ProcessingFailed();
            if (PipelineLog.IsPowerOfTen(failures))
            {
                PipelineLog.ProcessingFailed(_logger, ex, marketEvent.GetType().Name, failures);
            }
        }

        // The decision is made here: what follows is delivery.
        _metrics.Decided(marketEvent, _time.GetElapsedTime(started), _time.GetUtcNow().UtcDateTime - marketEvent.ReceivedAt);
        HandOver(marketEvent, transitions);
    }

    /// <summary>Gives an event (if any) and then its transitions to the sinks; call under the shard's lock.</summary>
    private void HandOver(MarketEvent? marketEvent, IReadOnlyList<Opportunity> transitions)
    {
        if (_queue is not null)
        {
            if (marketEvent is not null)
            {
                _queue.Enqueue(marketEvent);
            }

            for (int t = 0; t < transitions.Count; t++)
            {
                _queue.Enqueue(transitions[t]);
            }

            return;
        }

        lock (_sinkGate)
        {
            if (marketEvent is not null)
            {
                _inline!.Deliver(marketEvent);
            }

            for (int t = 0; t < transitions.Count; t++)
            {
                _inline!.Deliver(transitions[t]);
            }
        }
    }
}
