using Microsoft.Extensions.Hosting;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// The pipeline's single consumer: reads the channel in batches and hands each event to the
/// <see cref="PipelineProcessor"/>. On shutdown (after the feeds have stopped) it finishes what the channel
/// still holds, since those events were accepted from the feeds.
/// </summary>
public sealed class PipelineService(MarketEventChannel channel, PipelineProcessor processor) : BackgroundService
{
    // Events per lock acquisition: large enough to amortize the lock, small enough to let a sweep in promptly.
    private const int BatchSize = 256;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        // Also covers a stop that came before the loop ever ran. Reads stay serialized by the processor's lock.
        processor.Drain(channel, int.MaxValue);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            while (await channel.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                processor.Drain(channel, BatchSize);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync drains the rest.
        }
    }
}
