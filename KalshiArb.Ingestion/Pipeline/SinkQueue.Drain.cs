using System.Diagnostics;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>Shutdown of the sink queue: delivery of what is queued, bounded by the drain timeout.</summary>
internal sealed partial class SinkQueue
{
    /// <summary>Shutdown has begun: from now on, waits on the sinks (flushes, hand-overs waiting for room) end at the drain deadline.</summary>
    public void BeginDrain()
    {
        lock (_gate)
        {
            if (_drainDeadline == 0)
            {
                _drainDeadline = Stopwatch.GetTimestamp() + (long)(_drainTimeout.TotalSeconds * Stopwatch.Frequency);
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>
    /// Delivers what is queued within the drain timeout, then stops the thread; later hand-overs are delivered on the
    /// caller's thread. A sink still stalled at the deadline is left behind and what it holds up is counted and logged.
    /// </summary>
    public void Dispose()
    {
        BeginDrain();
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }

        if (!_thread.Join(Remaining()))
        {
            lock (_gate)
            {
                Abandon();
            }
        }
    }

    /// <summary>One wait on the monitor (under the lock); false once the drain deadline has passed, having given up on the sinks.</summary>
    private bool WaitForSinks()
    {
        if (_abandoned)
        {
            return false;
        }

        if (_drainDeadline == 0)
        {
            Monitor.Wait(_gate);
            return true;
        }

        TimeSpan left = Remaining();
        if (left > TimeSpan.Zero)
        {
            Monitor.Wait(_gate, left);
            return true;
        }

        Abandon();
        return false;
    }

    private TimeSpan Remaining() =>
        TimeSpan.FromSeconds(Math.Max(0, _drainDeadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);

    /// <summary>Under the lock: the sinks did not take what is queued in time; count it, say which sinks miss it, release every waiter.</summary>
    private void Abandon()
    {
        if (_abandoned)
        {
            return;
        }

        _abandoned = true;
        long left = _count + _inFlight;
        _undelivered += left;
        Array.Clear(_ring);
        _count = 0;
        PipelineLog.SinksNotDrained(_logger, _drainTimeout.TotalSeconds, left, string.Join(", ", _fanOut.Names), _fanOut.Current ?? "none");
        Monitor.PulseAll(_gate);
    }
}
