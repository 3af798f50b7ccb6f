using Microsoft.Extensions.Hosting;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// The pipeline's single consumer: reads the channel in batches and hands each event to the
/// <see cref="PipelineProcessor"/>. On shutdown it finishes what the channel already holds, since those events
/// were accepted from the feeds.
/// </summary>
public sealed class PipelineService(MarketEventChannel channel, PipelineProcessor processor) : BackgroundService
{
    // Events per lock acquisition: large enough to amortize the lock, small enough to let a sweep in promptly.
    private const int BatchSize = 256;

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
            processor.Drain(channel, int.MaxValue);
        }
    }
}
