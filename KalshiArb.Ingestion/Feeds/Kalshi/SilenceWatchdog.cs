using System.Net.WebSockets;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// Aborts a socket that has been waiting for a message longer than the silence timeout. Only time spent
/// waiting for the server counts: time spent blocked on the pipeline's backpressure is not silence.
/// </summary>
internal sealed class SilenceWatchdog(TimeProvider time, TimeSpan timeout)
{
    private long _waitingSince = -1;
    private volatile bool _tripped;

    public bool Tripped => _tripped;

    public void WaitingStarted() => Interlocked.Exchange(ref _waitingSince, time.GetTimestamp());

    public void WaitingEnded() => Interlocked.Exchange(ref _waitingSince, -1);

    public async Task WatchAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        // Checking four times per timeout bounds the detection delay to 1.25 × timeout.
        TimeSpan period = timeout / 4;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(period, time, cancellationToken).ConfigureAwait(false);
                long since = Interlocked.Read(ref _waitingSince);
                if (since >= 0 && time.GetElapsedTime(since) >= timeout)
                {
                    _tripped = true;
                    socket.Abort();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Session over.
        }
    }
}
