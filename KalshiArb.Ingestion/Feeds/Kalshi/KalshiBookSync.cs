using System.Threading.Channels;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Logging;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// Protocol, sequencing: passes a connection's market data on to the pipeline with order-book sequence checked per
/// subscription (<see cref="KalshiSequenceTracker"/>). On a gap the affected books are reported untrusted and fresh
/// snapshots are asked for by name; a snapshot that restores a book reports it trusted again.
/// </summary>
internal sealed class KalshiBookSync(
    KalshiSubscriptions subscriptions, ChannelWriter<MarketEvent> writer, FeedMetrics metrics, TimeProvider time, ILogger logger)
{
    private KalshiSequenceTracker _tracker = new();

    public void Begin() => _tracker = new KalshiSequenceTracker();

    /// <summary>Replies on the order-book subscription (ok after update_subscription, unsubscribed) consume a sequence number too.</summary>
    public async Task OnControlAsync(KalshiParsedMessage message, CancellationToken cancellationToken)
    {
        if (!message.IsOrderBook && message is { Sid: { } sid, Seq: { } seq } && subscriptions.IsOrderBook(sid)
            && _tracker.OnControl(sid, seq) == SequenceVerdict.Gap)
        {
            metrics.SequenceGap();
            KalshiLog.ControlSequenceGap(logger, sid, seq, message.Type);
            await ResyncAsync(sid, $"sequence gap at seq {seq}", cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task OnDataAsync(KalshiParsedMessage message, DateTime receivedAt, CancellationToken cancellationToken)
    {
        if (message.IsOrderBook && message.Sid is null)
        {
            metrics.ParseError("order book message without sid");
            return;
        }

        foreach (MarketEvent marketEvent in message.Events)
        {
            TimeSpan lag = receivedAt - marketEvent.ExchangeTs;
            metrics.MessageReceived(lag > TimeSpan.Zero ? lag : TimeSpan.Zero);
            switch (marketEvent)
            {
                case BookSnapshot snapshot:
                    await OnSnapshotAsync(message.Sid!.Value, snapshot, receivedAt, cancellationToken).ConfigureAwait(false);
                    break;
                case BookDelta delta:
                    await OnDeltaAsync(message.Sid!.Value, delta, cancellationToken).ConfigureAwait(false);
                    break;

                // The lifecycle channel covers every market on the exchange; keep ours.
                case MarketStatusChanged status when !subscriptions.Covers(status.Ticker):
                    break;
                case MarketCloseTimeChanged close when !subscriptions.Covers(close.Ticker):
                    break;
                default:
                    await writer.WriteAsync(marketEvent, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>A rejected order-book message still consumed a sequence number: the subscription's books cannot be trusted.</summary>
    public Task OnRejectedAsync(long sid, string reason, CancellationToken cancellationToken) =>
        ResyncAsync(sid, $"rejected order book message: {reason}", cancellationToken);

    /// <summary>Every book is untrusted until its next snapshot (a disconnect, a terminal error).</summary>
    public Task MarkAllUntrustedAsync(string reason, CancellationToken cancellationToken) =>
        ReportUntrustedAsync(_tracker.Reset(), reason, cancellationToken);

    private async Task OnSnapshotAsync(long sid, BookSnapshot snapshot, DateTime receivedAt, CancellationToken cancellationToken)
    {
        SnapshotOutcome outcome = _tracker.OnSnapshot(sid, snapshot.Seq, snapshot.Ticker);
        await writer.WriteAsync(snapshot, cancellationToken).ConfigureAwait(false);
        if (outcome.Restored)
        {
            await writer.WriteAsync(new BookIntegrityChanged(snapshot.Ticker, true, "snapshot", snapshot.ExchangeTs, receivedAt), cancellationToken).ConfigureAwait(false);
        }

        if (outcome.Gap)
        {
            metrics.SequenceGap();
            KalshiLog.SnapshotSequenceGap(logger, sid, snapshot.Seq);
            await ResnapshotAsync(sid, outcome.Lost, outcome.Lost, $"sequence gap at snapshot seq {snapshot.Seq}", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task OnDeltaAsync(long sid, BookDelta delta, CancellationToken cancellationToken)
    {
        switch (_tracker.OnDelta(sid, delta.Seq, delta.Ticker))
        {
            case SequenceVerdict.Apply:
                await writer.WriteAsync(delta, cancellationToken).ConfigureAwait(false);
                break;
            case SequenceVerdict.Gap:
                metrics.SequenceGap();
                KalshiLog.DeltaSequenceGap(logger, sid, delta.Seq);
                await ResyncAsync(sid, $"sequence gap at seq {delta.Seq}", cancellationToken).ConfigureAwait(false);
                break;
            case SequenceVerdict.AwaitingSnapshot:
                // Superseded by the snapshot that is on its way.
                break;
        }
    }

    /// <summary>Marks every book of the subscription untrusted and asks for fresh snapshots of all its markets.</summary>
    private Task ResyncAsync(long sid, string reason, CancellationToken cancellationToken) =>
        ResnapshotAsync(sid, _tracker.Invalidate(sid), [.. subscriptions.Tickers], reason, cancellationToken);

    private async Task ResnapshotAsync(
        long sid, IReadOnlyList<string> lost, IReadOnlyCollection<string> markets, string reason, CancellationToken cancellationToken)
    {
        await ReportUntrustedAsync(lost, reason, cancellationToken).ConfigureAwait(false);
        if (markets.Count > 0)
        {
            await subscriptions.RequestSnapshotsAsync(sid, markets, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReportUntrustedAsync(IReadOnlyList<string> lost, string reason, CancellationToken cancellationToken)
    {
        DateTime now = time.GetUtcNow().UtcDateTime;
        foreach (string ticker in lost)
        {
            await writer.WriteAsync(new BookIntegrityChanged(ticker, false, reason, now, now), cancellationToken).ConfigureAwait(false);
        }
    }
}
