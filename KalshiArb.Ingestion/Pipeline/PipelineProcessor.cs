using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Logging;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// The work done for each event: update market state, run the detector, hand the event and every opportunity
/// transition to each sink in registration order. Events are processed per shard of games (the detector's
/// <see cref="GameRouter"/>): a shard's events and its stale sweep take that shard's lock, so shards run in parallel
/// and one game's events in order. The sinks are called under one lock shared by all shards: each sink still sees
/// one caller at a time, and a game's events and transitions in order. A failing sink is counted and logged, and
/// the others still get the event.
/// </summary>
public sealed class PipelineProcessor
{
    private readonly MarketState _state;
    private readonly Detector _detector;
    private readonly IPipelineSink[] _sinks;
    private readonly string[] _sinkNames;
    private readonly PipelineMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<PipelineProcessor> _logger;
    private readonly Lock[] _gates;
    private readonly Lock _sinkGate = new();

    public PipelineProcessor(MarketState state, Detector detector, IEnumerable<IPipelineSink> sinks, PipelineMetrics metrics, TimeProvider time, ILogger<PipelineProcessor> logger)
    {
        _state = state;
        _detector = detector;
        _sinks = sinks.ToArray();
        _sinkNames = _sinks.Select(sink => sink is SinkAndHealthView shared ? shared.Name : sink.GetType().Name).ToArray();
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _gates = new Lock[detector.Router.Shards];
        for (int i = 0; i < _gates.Length; i++)
        {
            _gates[i] = new Lock();
        }
    }

    public IReadOnlyList<IPipelineSink> Sinks => _sinks;

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
                    long failures = _metrics.ProcessingFailed();
                    _logger.LogError(ex, "Stale sweep failed ({Failures} processing failures so far)", failures);
                    continue;
                }

                lock (_sinkGate)
                {
                    Publish(closed);
                }
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
            if (IsPowerOfTen(failures))
            {
                _logger.LogError(ex, "Market state or detection failed on {EventType} ({Failures} failures so far)", marketEvent.GetType().Name, failures);
            }
        }

        _metrics.Decided(_time.GetElapsedTime(started), _time.GetUtcNow().UtcDateTime - marketEvent.ReceivedAt);
        lock (_sinkGate)
        {
            for (int i = 0; i < _sinks.Length; i++)
            {
                try
                {
                    _sinks[i].OnMarketEvent(marketEvent);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    SinkFailed(i, ex);
                }
            }

            _metrics.EventProcessed();
            Publish(transitions);
        }
    }

    /// <summary>Hands transitions to the sinks; call under the sink lock.</summary>
    private void Publish(IReadOnlyList<Opportunity> transitions)
    {
        for (int t = 0; t < transitions.Count; t++)
        {
            Opportunity opportunity = transitions[t];
            _metrics.OpportunityEmitted();
            for (int i = 0; i < _sinks.Length; i++)
            {
                try
                {
                    _sinks[i].OnOpportunity(opportunity);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    SinkFailed(i, ex);
                }
            }
        }
    }

    private void SinkFailed(int sink, Exception ex)
    {
        long failures = _metrics.SinkFailed(_sinkNames[sink]);
        // Logged at 1, 10, 100, ... failures so a sink that keeps failing cannot flood the log.
        if (IsPowerOfTen(failures))
        {
            _logger.LogError(ex, "Sink {Sink} failed ({Failures} failures so far)", _sinkNames[sink], failures);
        }
    }

    private static bool IsPowerOfTen(long value)
    {
        while (value >= 10 && value % 10 == 0)
        {
            value /= 10;
        }

        return value == 1;
    }
}
