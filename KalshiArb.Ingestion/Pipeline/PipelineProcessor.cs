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
    // Events priced in one pass at most: bounds how long the first of a run waits for the pass.
    private const int LongestRun = 256;

    private readonly MarketState _state;
    private readonly Detector _detector;
    private readonly PipelineMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<PipelineProcessor> _logger;
    private readonly Lock[] _gates;
    private readonly SinkQueue? _queue;
    private readonly SinkFanOut? _inline;
    private readonly Lock _sinkGate = new();

    // Per shard, used under its lock: the run being read (events one pricing pass covers) and those of it that changed state.
    private readonly MarketEvent[][] _runs;
    private readonly MarketEvent[][] _changed;

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
        _runs = new MarketEvent[_gates.Length][];
        _changed = new MarketEvent[_gates.Length][];
        for (int i = 0; i < _gates.Length; i++)
        {
            _gates[i] = new Lock();
            _runs[i] = new MarketEvent[LongestRun];
            _changed[i] = new MarketEvent[LongestRun];
        }
    }

    public IReadOnlyList<IPipelineSink> Sinks { get; }

    /// <summary>What this processor reports to; the consumers add how they wait.</summary>
    internal PipelineMetrics Metrics => _metrics;

    /// <summary>Shards of games, each processed by one consumer.</summary>
    public int Shards => _gates.Length;

    public void Process(MarketEvent marketEvent)
    {
        int shard = _detector.Router.ShardOf(marketEvent);
        lock (_gates[shard])
        {
            ProcessRunLocked(shard, new ReadOnlySpan<MarketEvent>(in marketEvent));
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
    /// channel must be split like the detector (the same <see cref="GameRouter"/>). Waiting events in one
    /// <see cref="PricingScope"/> (a poll's quotes of one game) are priced once, after the last of them: the last is
    /// decided as soon as it would have been alone, the others a run's state updates later instead of a pricing each.
    /// </summary>
    public int Drain(MarketEventChannel channel, int shard, int max)
    {
        MarketEvent[] run = _runs[shard];
        int count = 0;
        lock (_gates[shard])
        {
            while (count < max && channel.TryRead(shard, out MarketEvent first))
            {
                run[0] = first;
                int length = 1;
                while (length < run.Length && count + length < max
                    && channel.TryPeek(shard, out MarketEvent next) && PricingScope.Same(run[length - 1], next)
                    && channel.TryRead(shard, out next))
                {
                    run[length++] = next;
                }

                ProcessRunLocked(shard, run.AsSpan(0, length));
                Array.Clear(run, 0, length);
                count += length;
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

    /// <summary>
    /// Applies each event of <paramref name="run"/> (one <see cref="PricingScope"/>) to the market state, prices what
    /// they touched once, stamps every event's decision, and hands the events and then the transitions to the sinks.
    /// </summary>
    private void ProcessRunLocked(int shard, ReadOnlySpan<MarketEvent> run)
    {
        MarketEvent[] changed = _changed[shard];
        int changes = 0;
        long started = _time.GetTimestamp();
        foreach (MarketEvent marketEvent in run)
        {
            try
            {
                if (_state.Apply(marketEvent))
                {
                    changed[changes++] = marketEvent;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The event is still accepted data: it goes on to storage even though state choked on it.
                CountFailure(ex, marketEvent);
            }
        }

        IReadOnlyList<Opportunity> transitions = [];
        try
        {
            transitions = _detector.OnEvents(changed.AsSpan(0, changes));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            CountFailure(ex, run[^1]);
        }

        Array.Clear(changed, 0, changes);

        // The decision is made here: what follows is delivery.
        TimeSpan detect = _time.GetElapsedTime(started);
        DateTime decidedAt = _time.GetUtcNow().UtcDateTime;
        foreach (MarketEvent marketEvent in run)
        {
            _metrics.Decided(marketEvent, detect, decidedAt - marketEvent.ReceivedAt);
        }

        _metrics.EventsPricedTogether(run.Length - 1);
        for (int i = 0; i < run.Length - 1; i++)
        {
            HandOver(run[i], []);
        }

        HandOver(run[^1], transitions);
    }

    private void CountFailure(Exception ex, MarketEvent marketEvent)
    {
        long failures = _metrics.ProcessingFailed();
        if (PipelineLog.IsPowerOfTen(failures))
        {
            PipelineLog.ProcessingFailed(_logger, ex, marketEvent.GetType().Name, failures);
        }
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
