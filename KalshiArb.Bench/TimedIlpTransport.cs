using System.Diagnostics;
using KalshiArb.Ingestion.Storage.Ilp;

namespace KalshiArb.Bench;

/// <summary>Wraps a transport and keeps the duration of every acknowledged send: the flush latency percentiles of a run.</summary>
internal sealed class TimedIlpTransport(IIlpTransport inner) : IIlpTransport
{
    private readonly Lock _gate = new();

    public LatencySamples Flushes { get; } = new(4096);

    public string Name => inner.Name;

    public async Task<IlpSendResult> SendAsync(ReadOnlyMemory<byte> batch, CancellationToken ct)
    {
        long started = Stopwatch.GetTimestamp();
        IlpSendResult result = await inner.SendAsync(batch, ct);
        if (result.Status == IlpSendStatus.Accepted)
        {
            long elapsed = Stopwatch.GetTimestamp() - started;
            lock (_gate)
            {
                Flushes.Add(elapsed);
            }
        }

        return result;
    }

    /// <summary>"p50 x ms, p99 y ms over n flushes".</summary>
    public string Describe()
    {
        lock (_gate)
        {
            return Format.Inv($"flush latency p50 {Flushes.PercentileMicros(0.5) / 1000:0.0} ms, p99 {Flushes.PercentileMicros(0.99) / 1000:0.0} ms over {Flushes.Count:N0} POSTs");
        }
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
