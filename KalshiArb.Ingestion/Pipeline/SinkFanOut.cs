using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Logging;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// Hands an event or an opportunity transition to each sink in registration order. A failing sink is counted and
/// logged and the others still get the item. Not thread-safe: callers serialize (one sink thread, or a lock).
/// </summary>
internal sealed class SinkFanOut
{
    private readonly IPipelineSink[] _sinks;
    private readonly string[] _names;
    private readonly PipelineMetrics _metrics;
    private readonly ILogger _logger;
    // The sink being called now (-1: none), so a shutdown that gives up can name the one that did not return.
    private volatile int _current = -1;

    public SinkFanOut(IEnumerable<IPipelineSink> sinks, PipelineMetrics metrics, ILogger logger)
    {
        _sinks = [.. sinks];
        _names = [.. _sinks.Select(sink => sink is SinkAndHealthView shared ? shared.Name : sink.GetType().Name)];
        _metrics = metrics;
        _logger = logger;
    }

    public IPipelineSink[] Sinks => _sinks;

    public IReadOnlyList<string> Names => _names;

    /// <summary>The sink a delivery is inside right now, or null between deliveries.</summary>
    public string? Current => _current is var i and >= 0 ? _names[i] : null;

    public void Deliver(MarketEvent marketEvent)
    {
        for (int i = 0; i < _sinks.Length; i++)
        {
            _current = i;
            try
            {
                _sinks[i].OnMarketEvent(marketEvent);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Failed(i, ex);
            }
        }

        _current = -1;
        _metrics.EventProcessed();
    }

    public void Deliver(Opportunity opportunity)
    {
        _metrics.OpportunityEmitted();
        for (int i = 0; i < _sinks.Length; i++)
        {
            _current = i;
            try
            {
                _sinks[i].OnOpportunity(opportunity);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Failed(i, ex);
            }
        }

        _current = -1;
    }

    private void Failed(int sink, Exception ex)
    {
        long failures = _metrics.SinkFailed(_names[sink]);
        if (PipelineLog.IsPowerOfTen(failures))
        {
            PipelineLog.SinkFailed(_logger, ex, _names[sink], failures);
        }
    }
}
