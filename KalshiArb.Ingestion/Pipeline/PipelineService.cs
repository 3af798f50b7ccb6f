using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// The pipeline's consumers, one dedicated thread per shard of games (<see cref="ShardConsumer"/>), each handing its
/// shard's events to the <see cref="PipelineProcessor"/> and waiting for more as <see cref="PipelineOptions.ConsumerWait"/>
/// says. On shutdown (after the feeds have stopped) it finishes what the channel still holds, since those events were
/// accepted from the feeds, and waits until the sinks have them.
/// </summary>
internal sealed class PipelineService(MarketEventChannel channel, PipelineProcessor processor, ILogger<PipelineService>? logger = null, IOptions<PipelineOptions>? options = null) : BackgroundService
{
    private readonly ILogger _logger = logger ?? NullLogger<PipelineService>.Instance;
    private readonly PipelineOptions _options = options?.Value ?? new PipelineOptions();
    private ShardConsumer[] _consumers = [];

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        // Off the caller's thread: joining the consumers and flushing the sinks block until the sinks are done.
        await Task.Run(
            () =>
            {
                // Bounds every wait on the sinks from here on, so a stalled sink cannot hold the shutdown.
                processor.BeginSinkDrain();
                foreach (ShardConsumer consumer in _consumers)
                {
                    consumer.Stop();
                }

                // Also covers a stop that came before the consumers ever ran. Reads stay serialized by the processor's locks.
                processor.Drain(channel, int.MaxValue);
                processor.FlushSinks();
            },
            CancellationToken.None).ConfigureAwait(false);
        PipelineLog.ConsumersStopped(_logger, channel.Read, channel.Depth);
    }

    /// <summary>Starts the consumer threads before returning, so a misconfiguration fails the host's start.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (channel.Shards != processor.Shards)
        {
            throw new InvalidOperationException($"The channel has {channel.Shards} shards and the detector {processor.Shards}: both must come from one GameRouter.");
        }

        int?[] cpus = ConsumerCpus(channel.Shards);
        processor.Metrics.ConsumerWait = _options.ConsumerWait;
        _consumers = [.. Enumerable.Range(0, channel.Shards).Select(shard => new ShardConsumer(channel, processor, shard, _options.ConsumerWait, cpus[shard], _logger))];
        foreach (ShardConsumer consumer in _consumers)
        {
            consumer.Start();
        }

        PipelineLog.ConsumersStarted(_logger, _consumers.Length, _options.ConsumerWait, string.Join(", ", cpus.OfType<int>()));
        return base.StartAsync(cancellationToken);
    }

    /// <summary>The work is on the consumer threads; nothing runs here.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;

    /// <summary>
    /// The core for each consumer when pinning is asked for: the process's last cores first, since the first usually
    /// takes most device interrupts; with more consumers than cores they share, round-robin.
    /// </summary>
    private int?[] ConsumerCpus(int consumers)
    {
        if (!_options.PinConsumers)
        {
            return new int?[consumers];
        }

        if (!OperatingSystem.IsLinux())
        {
            PipelineLog.PinningUnsupported(_logger, RuntimeInformation.OSDescription);
            return new int?[consumers];
        }

        IReadOnlyList<int> allowed = CpuAffinity.OfCurrentThread();
        return [.. Enumerable.Range(0, consumers).Select(i => (int?)allowed[allowed.Count - 1 - (i % allowed.Count)])];
    }
}
