using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>Closes opportunities whose legs went stale while no new event touched them (about once a second).</summary>
internal sealed class StaleSweepService(PipelineProcessor processor, IOptions<PipelineOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                processor.Sweep(time.GetUtcNow().UtcDateTime);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }
    }
}
