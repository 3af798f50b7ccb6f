using System.Threading.Channels;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>The feeds' side of <see cref="MarketEventChannel"/>: writes each event to its game's shard, counting writes and waits and waking the shard's consumer.</summary>
internal sealed class MarketEventWriter(MarketEventChannel owner) : ChannelWriter<MarketEvent>
{
    public override bool TryWrite(MarketEvent item)
    {
        int shard = owner.ShardOf(item);
        if (!owner.ShardWriter(shard).TryWrite(item))
        {
            return false;
        }

        owner.OnWritten(shard);
        return true;
    }

    public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) => owner.WaitToWriteAsync(cancellationToken);

    public override ValueTask WriteAsync(MarketEvent item, CancellationToken cancellationToken = default)
        => TryWrite(item) ? ValueTask.CompletedTask : WriteWhenRoomAsync(item, cancellationToken);

    /// <summary>Feeds come and go; the shared channel stays open for the others.</summary>
    public override bool TryComplete(Exception? error = null) => false;

    private async ValueTask WriteWhenRoomAsync(MarketEvent item, CancellationToken cancellationToken)
    {
        int shard = owner.ShardOf(item);
        long startedAt = owner.BlockStarted();
        try
        {
            await owner.ShardWriter(shard).WriteAsync(item, cancellationToken).ConfigureAwait(false);
            owner.OnWritten(shard);
        }
        finally
        {
            owner.BlockEnded(startedAt);
        }
    }
}
