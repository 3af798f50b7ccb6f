using Microsoft.Extensions.Hosting;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// The pipeline's consumers, one per shard of games: each reads its shard's queue in batches and hands each event
/// to the <see cref="PipelineProcessor"/>. On shutdown (after the feeds have stopped) it finishes what the channel
/// still holds, since those events were accepted from the feeds.
/// </summary>
public sealed class PipelineService(MarketEventChannel channel, PipelineProcessor processor) : BackgroundService
{
    // Events per lock acquisition: large enough to amortize the lock, small enough to let a sweep in promptly.
    private const int BatchSize = 256;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        // Also covers a stop that came before the loops ever ran. Reads stay serialized by the processor's locks.
        processor.Drain(channel, int.MaxValue);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (channel.Shards != processor.Shards)
        {
            throw new InvalidOperationException($"The channel has {channel.Shards} shards and the detector {processor.Shards}: both must come from one GameRouter.");
        }

        return Task.WhenAll(Enumerable.Range(0, channel.Shards).Select(shard => ConsumeAsync(shard, stoppingToken)));
    }

    private async Task ConsumeAsync(int shard, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            while (await channel.WaitToReadAsync(shard, stoppingToken).ConfigureAwait(false))
            {
                processor.Drain(channel, shard, BatchSize);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync drains the rest.
        }
    }
}
