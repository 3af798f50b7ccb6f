namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// Protocol, the commands of one connection: which markets are subscribed, which sid is which channel, which
/// commands await a reply. Touched only by the session's receive loop, so the socket is written from one place.
/// </summary>
internal sealed class KalshiSubscriptions(bool useYesPrice)
{
    private readonly Dictionary<long, PendingCommand> _pending = [];
    private readonly Dictionary<long, string> _sidChannels = [];
    private HashSet<string> _tickers = new(StringComparer.Ordinal);
    private KalshiConnection? _connection;

    // Ids keep counting across connections, so a late reply is never taken for a new command's.
    private long _nextCommandId;

    public IReadOnlyCollection<string> Tickers => _tickers;

    /// <summary>Starts a connection's bookkeeping afresh for <paramref name="tickers"/>.</summary>
    public void Begin(KalshiConnection connection, IEnumerable<string> tickers)
    {
        _connection = connection;
        _pending.Clear();
        _sidChannels.Clear();
        _tickers = new HashSet<string>(tickers, StringComparer.Ordinal);
    }

    public bool Covers(string ticker) => _tickers.Contains(ticker);

    public bool IsOrderBook(long sid) => _sidChannels.GetValueOrDefault(sid) == KalshiChannels.OrderBook;

    public void Subscribed(long? commandId, long? sid, string? channel)
    {
        Acknowledged(commandId);
        if (sid is { } subscription && channel is not null)
        {
            _sidChannels[subscription] = channel;
        }
    }

    public void Acknowledged(long? commandId)
    {
        if (commandId is { } id)
        {
            _pending.Remove(id);
        }
    }

    /// <summary>The command an error answers, if it was still awaiting its reply.</summary>
    public PendingCommand? Refused(long? commandId) =>
        commandId is { } id && _pending.Remove(id, out PendingCommand? command) ? command : null;

    public async Task SubscribeAllAsync(CancellationToken cancellationToken)
    {
        foreach (string channel in KalshiChannels.MarketData)
        {
            await SubscribeAsync(channel, cancellationToken).ConfigureAwait(false);
        }

        await SubscribeAsync(KalshiChannels.Lifecycle, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops every subscription and makes them all again (after a terminal error).</summary>
    public async Task RenewAllAsync(CancellationToken cancellationToken)
    {
        if (_sidChannels.Count > 0)
        {
            await SendAsync(KalshiCommands.Unsubscribe(NextId(), [.. _sidChannels.Keys]), cancellationToken).ConfigureAwait(false);
            _sidChannels.Clear();
        }

        await SubscribeAllAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces an order-book subscription whose snapshot request was refused.</summary>
    public async Task RenewOrderBookAsync(long sid, CancellationToken cancellationToken)
    {
        await SendAsync(KalshiCommands.Unsubscribe(NextId(), [sid]), cancellationToken).ConfigureAwait(false);
        _sidChannels.Remove(sid);
        await SubscribeAsync(KalshiChannels.OrderBook, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds markets not yet subscribed to every market-data subscription; returns how many were new.</summary>
    public async Task<int> AddMarketsAsync(IEnumerable<string> tickers, CancellationToken cancellationToken)
    {
        List<string> added = [.. tickers.Where(_tickers.Add)];
        if (added.Count == 0)
        {
            return 0;
        }

        foreach (long sid in _sidChannels.Where(s => KalshiChannels.MarketData.Contains(s.Value)).Select(s => s.Key).ToList())
        {
            await SendAsync(KalshiCommands.UpdateSubscription(NextId(), sid, KalshiCommands.AddMarketsAction, added), cancellationToken).ConfigureAwait(false);
        }

        return added.Count;
    }

    /// <summary><c>get_snapshot</c>, which must name its markets.</summary>
    public Task RequestSnapshotsAsync(long sid, IReadOnlyCollection<string> markets, CancellationToken cancellationToken)
    {
        long id = NextId();
        _pending[id] = new PendingCommand(KalshiCommands.GetSnapshotAction, sid);
        return SendAsync(KalshiCommands.UpdateSubscription(id, sid, KalshiCommands.GetSnapshotAction, markets), cancellationToken);
    }

    private Task SubscribeAsync(string channel, CancellationToken cancellationToken)
    {
        long id = NextId();
        _pending[id] = new PendingCommand("subscribe", 0);

        // The lifecycle channel takes no market filter; only the order-book channel takes a price convention.
        IReadOnlyCollection<string> tickers = channel == KalshiChannels.Lifecycle ? [] : _tickers;
        bool? yesPrice = channel == KalshiChannels.OrderBook ? useYesPrice : null;
        return SendAsync(KalshiCommands.Subscribe(id, channel, tickers, yesPrice), cancellationToken);
    }

    private Task SendAsync(byte[] command, CancellationToken cancellationToken) =>
        (_connection ?? throw new InvalidOperationException("No connection has begun.")).SendAsync(command, cancellationToken);

    private long NextId() => ++_nextCommandId;

    internal sealed record PendingCommand(string Action, long Sid);
}
