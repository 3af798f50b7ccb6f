using System.Threading.Channels;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>The feeds' side of <see cref="MarketEventChannel"/>: the channel's writer, counting writes and waits.</summary>
internal sealed class MarketEventWriter(MarketEventChannel owner, ChannelWriter<MarketEvent> inner) : ChannelWriter<MarketEvent>
{
    public override bool TryWrite(MarketEvent item)
    {
        if (!inner.TryWrite(item))
        {
            return false;
        }

        owner.CountWritten();
        return true;
    }

    public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) => inner.WaitToWriteAsync(cancellationToken);

    public override ValueTask WriteAsync(MarketEvent item, CancellationToken cancellationToken = default)
        => TryWrite(item) ? ValueTask.CompletedTask : WriteWhenRoomAsync(item, cancellationToken);

    /// <summary>Feeds come and go; the shared channel stays open for the others.</summary>
    public override bool TryComplete(Exception? error = null) => false;

    private async ValueTask WriteWhenRoomAsync(MarketEvent item, CancellationToken cancellationToken)
    {
        long startedAt = owner.BlockStarted();
        try
        {
            await inner.WriteAsync(item, cancellationToken).ConfigureAwait(false);
            owner.CountWritten();
        }
        finally
        {
            owner.BlockEnded(startedAt);
        }
    }
}
