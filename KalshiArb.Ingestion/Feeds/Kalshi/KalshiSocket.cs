using System.Net.WebSockets;
using System.Threading.Channels;
using KalshiArb.Ingestion.Abstractions;
using Microsoft.Extensions.Logging;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// Transport: keeps one connection to Kalshi open, handing each to the <see cref="KalshiSession"/>, and reconnects
/// with exponential backoff and jitter. Network failures are logged, counted and retried; only cancellation or a
/// closed pipeline channel ends it.
/// </summary>
internal sealed class KalshiSocket(KalshiOptions options, KalshiSession session, FeedMetrics metrics, TimeProvider time, ILogger logger)
{
    public async Task RunAsync(KalshiRequestSigner signer, CancellationToken cancellationToken)
    {
        var uri = new Uri(options.EffectiveWebSocketUrl);
        int attempt = 0;
        bool everConnected = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            long seenBefore = metrics.Messages + metrics.ParseErrors;
            try
            {
                IReadOnlyList<string> tickers = session.Markets();
                if (tickers.Count == 0)
                {
                    metrics.SetState(false, "idle: no Kalshi markets to subscribe");
                }
                else
                {
                    metrics.SetState(false, "connecting");
                    await using KalshiConnection connection = await KalshiConnection.OpenAsync(options, signer, uri, time, cancellationToken).ConfigureAwait(false);
                    if (everConnected)
                    {
                        metrics.Reconnected();
                    }

                    everConnected = true;
                    metrics.SetState(true, "connected");
                    KalshiLog.Connected(logger, uri, tickers.Count);
                    string reason = await session.RunAsync(connection, tickers, cancellationToken).ConfigureAwait(false);
                    metrics.SetState(false, "disconnected", reason);
                    KalshiLog.Disconnected(logger, reason);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ChannelClosedException)
            {
                metrics.SetState(false, "stopped: pipeline channel closed");
                return;
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException or OperationCanceledException)
            {
                metrics.SetState(false, "disconnected", ex.Message);
                KalshiLog.ConnectionFailed(logger, ex.Message);
            }
            catch (Exception ex)
            {
                // Anything else is a defect, but the feed must outlive it: log it in full and reconnect.
                metrics.SetState(false, "disconnected", ex.Message);
                KalshiLog.FailedUnexpectedly(logger, ex);
            }

            // Back off afresh only after a session that delivered something, so a flapping server is not hammered.
            if (metrics.Messages + metrics.ParseErrors > seenBefore)
            {
                attempt = 0;
            }

            try
            {
                await session.ConnectionLostAsync(cancellationToken).ConfigureAwait(false);
                TimeSpan delay = ExponentialBackoff.Delay(attempt++, options.ReconnectMin, options.ReconnectMax, Random.Shared.NextDouble());
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ChannelClosedException)
            {
                metrics.SetState(false, "stopped: pipeline channel closed");
                return;
            }
        }
    }
}
