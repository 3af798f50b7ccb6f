using Microsoft.AspNetCore.SignalR;

namespace KalshiArb.Web.Live;

/// <summary>Forwards every coalesced batch to all SignalR clients of <see cref="EdgeHub"/>.</summary>
public sealed class EdgeHubBroadcaster(LiveBatchStream stream, IHubContext<EdgeHub> hub, ILogger<EdgeHubBroadcaster> logger) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = stream.Subscribe(Send);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private void Send(LiveBatch batch) =>
        // SendAsync only queues per connection; awaiting here would hold the flush loop on a slow client.
        _ = hub.Clients.All.SendAsync(EdgeHub.BatchMethod, batch).ContinueWith(
            t => logger.LogWarning(t.Exception, "Broadcasting live batch {Seq} failed", batch.Seq),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
}
