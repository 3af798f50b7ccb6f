using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// One shard's consumer: a dedicated thread (not thread-pool continuations) that processes its queue in batches.
/// When the queue runs dry it waits as <see cref="ConsumerWait"/> says: either it spins a few microseconds, since the
/// next event of a burst usually follows within that, and then sleeps until a writer wakes it (<see cref="ShardSignal"/>),
/// or it busy-spins until the next write and never sleeps. It may first pin itself to a core.
/// </summary>
internal sealed class ShardConsumer
{
    // Events per lock acquisition: large enough to amortize the lock, small enough to let a sweep in promptly.
    private const int BatchSize = 256;

    // A bounded spin: long enough to catch the rest of a burst, short enough not to starve the other threads of 2 cores.
    private static readonly long SpinTicks = Stopwatch.Frequency * 10 / 1_000_000;

    private readonly MarketEventChannel _channel;
    private readonly PipelineProcessor _processor;
    private readonly int _shard;
    private readonly ShardSignal _signal;
    private readonly bool _busySpin;
    private readonly int? _cpu;
    private readonly ILogger _logger;
    private readonly Thread _thread;

    /// <param name="cpu">The core to pin the thread to, or null to leave it to the scheduler.</param>
    public ShardConsumer(MarketEventChannel channel, PipelineProcessor processor, int shard, ConsumerWait wait, int? cpu, ILogger logger)
    {
        _channel = channel;
        _processor = processor;
        _shard = shard;
        _signal = channel.SignalOf(shard);
        _busySpin = wait == ConsumerWait.BusySpin;
        _cpu = cpu;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = $"pipeline-shard-{shard}" };
    }

    public void Start() => _thread.Start();

    /// <summary>Stops the thread after its current batch; what is left in the queue is for the shutdown drain.</summary>
    public void Stop()
    {
        _signal.Stop();
        if (_thread.IsAlive)
        {
            _thread.Join();
        }
    }

    private void Run()
    {
        PinIfAsked();
        while (!_signal.Stopped)
        {
            int seen = _signal.Sequence;
            if (_processor.Drain(_channel, _shard, BatchSize) > 0 || (_busySpin ? SpinUntilWrite(seen) : SpunIntoWrite(seen)))
            {
                continue;
            }

            _signal.Sleep(seen);
        }
    }

    /// <summary>Spins until a write after <paramref name="seen"/> or the spin budget runs out.</summary>
    private bool SpunIntoWrite(int seen)
    {
        long until = Stopwatch.GetTimestamp() + SpinTicks;
        var spin = default(SpinWait);
        while (Stopwatch.GetTimestamp() < until)
        {
            if (_signal.Sequence != seen || _signal.Stopped)
            {
                return true;
            }

            spin.SpinOnce(sleep1Threshold: -1);
        }

        return false;
    }

    /// <summary>Spins on pause instructions, never yielding or sleeping, until a write after <paramref name="seen"/> or a stop.</summary>
    private bool SpinUntilWrite(int seen)
    {
        while (_signal.Sequence == seen && !_signal.Stopped)
        {
            Thread.SpinWait(1);
        }

        return true;
    }

    private void PinIfAsked()
    {
        if (_cpu is not int cpu)
        {
            return;
        }

        int error = CpuAffinity.PinCurrentThread(cpu);
        if (error == 0)
        {
            _processor.Metrics.ConsumerPinned();
        }
        else
        {
            PipelineLog.PinningFailed(_logger, _shard, cpu, error);
        }
    }
}
