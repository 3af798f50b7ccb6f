using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// The live Kalshi feed: connects with signed headers, subscribes ticker, trade and order-book channels for the
/// configured markets (plus the open markets of the configured series, discovered over REST) and the lifecycle
/// channel, parses every message into Model records and writes them to the pipeline channel, awaiting
/// backpressure rather than dropping. Order-book sequence is checked per subscription: a gap is counted, the
/// affected books are marked untrusted and a fresh snapshot is requested. Every order-book subscription states
/// its price convention (<see cref="KalshiOptions.UseYesPrice"/>) and NO levels are read under it. Error codes are
/// logged and shown on Health with their meaning; a message type this client does not know is counted and
/// logged once per type. Reconnects with exponential backoff and jitter; a connection silent for
/// <see cref="KalshiOptions.SilenceTimeout"/> is treated as dead.
/// </summary>
public sealed class KalshiWebSocketClient : IHealthSource
{
    public const string FeedName = "kalshi";
    public const string OrderBookChannel = "orderbook_delta";
    public const string LifecycleChannel = "market_lifecycle_v2";

    private static readonly string[] MarketChannels = ["ticker", "trade", OrderBookChannel];

    private const int MaxMessageBytes = 16 * 1024 * 1024;

    private readonly KalshiOptions _options;
    private readonly ChannelWriter<MarketEvent> _writer;
    private readonly TimeProvider _time;
    private readonly ILogger<KalshiWebSocketClient> _logger;
    private readonly KalshiRestClient? _discovery;
    private readonly IngestionLimits _limits;

    // Per-connection state, touched only by the receive loop.
    private readonly Dictionary<long, PendingCommand> _pending = [];
    private readonly Dictionary<long, string> _sidChannels = [];
    private KalshiSequenceTracker _tracker = new();
    private HashSet<string> _tickers = new(StringComparer.Ordinal);

    // Message types already logged as unknown: each is logged once per client, and counted every time.
    private readonly HashSet<string> _unknownTypesLogged = new(StringComparer.Ordinal);

    // Filled by the rediscovery task, drained by the receive loop.
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _discoveredTickers = new();
    private long _nextCommandId;

    public KalshiWebSocketClient(
        IOptions<KalshiOptions> options,
        ChannelWriter<MarketEvent> writer,
        TimeProvider time,
        ILogger<KalshiWebSocketClient> logger,
        KalshiRestClient? discovery = null,
        IngestionLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _writer = writer;
        _time = time;
        _logger = logger;
        _discovery = discovery;
        _limits = limits ?? new IngestionLimits();
        Metrics = new FeedMetrics(FeedName, time);
    }

    public FeedMetrics Metrics { get; }

    /// <summary>The markets found by the last discovery (empty without a REST client or series).</summary>
    public IReadOnlyList<KalshiMarketInfo> DiscoveredMarkets { get; private set; } = [];

    /// <summary>Raised after each discovery with the markets found, for the catalog and mapping suggestions.</summary>
    public event Action<IReadOnlyList<KalshiMarketInfo>>? MarketsDiscovered;

    /// <summary>The feed's metrics as health; <see cref="HealthLevel.Disabled"/> when no credentials are configured.</summary>
    public ComponentHealth GetHealth()
    {
        ComponentHealth health = Metrics.GetHealth();
        return _options.HasCredentials ? health : health with { Level = HealthLevel.Disabled };
    }

    /// <summary>Runs until cancelled. Never throws for network or data problems: they are logged, counted and retried.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!_options.HasCredentials)
        {
            Metrics.SetState(false, "disabled: no Kalshi API key configured");
            _logger.LogInformation("Kalshi feed disabled: no API key id and private key configured");
            return;
        }

        KalshiRequestSigner signer;
        try
        {
            signer = KalshiRequestSigner.FromOptions(_options);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Metrics.SetState(false, "disabled: private key unusable", ex.Message);
            _logger.LogError("Kalshi feed disabled: {Reason}", ex.Message);
            return;
        }

        using (signer)
        {
            await RunConnectionsAsync(signer, cancellationToken).ConfigureAwait(false);
        }

        Metrics.SetState(false, "stopped");
    }

    private async Task RunConnectionsAsync(KalshiRequestSigner signer, CancellationToken cancellationToken)
    {
        var uri = new Uri(_options.EffectiveWebSocketUrl);
        int attempt = 0;
        bool everConnected = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            long seenBefore = Metrics.Messages + Metrics.ParseErrors;
            try
            {
                IReadOnlyList<string> tickers = await ResolveTickersAsync(cancellationToken).ConfigureAwait(false);
                if (tickers.Count == 0)
                {
                    Metrics.SetState(false, "idle: no Kalshi markets to subscribe");
                }
                else
                {
                    using ClientWebSocket socket = CreateSocket(signer, uri);
                    Metrics.SetState(false, "connecting");
                    using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                    {
                        connectTimeout.CancelAfter(_options.SilenceTimeout);
                        await socket.ConnectAsync(uri, connectTimeout.Token).ConfigureAwait(false);
                    }

                    if (everConnected)
                    {
                        Metrics.Reconnected();
                    }

                    everConnected = true;
                    Metrics.SetState(true, "connected");
                    _logger.LogInformation("Kalshi feed connected to {Uri} for {Count} markets", uri, tickers.Count);
                    string reason = await RunSessionAsync(socket, tickers, cancellationToken).ConfigureAwait(false);

                    Metrics.SetState(false, "disconnected", reason);
                    _logger.LogWarning("Kalshi feed disconnected: {Reason}", reason);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ChannelClosedException)
            {
                Metrics.SetState(false, "stopped: pipeline channel closed");
                return;
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException or OperationCanceledException)
            {
                Metrics.SetState(false, "disconnected", ex.Message);
                _logger.LogWarning("Kalshi feed connection failed: {Error}", ex.Message);
            }
            catch (Exception ex)
            {
                // Anything else is a defect, but the feed must outlive it: log it in full and reconnect.
                Metrics.SetState(false, "disconnected", ex.Message);
                _logger.LogError(ex, "Kalshi feed failed unexpectedly");
            }

            // Back off afresh only after a session that delivered something, so a flapping server is not hammered.
            if (Metrics.Messages + Metrics.ParseErrors > seenBefore)
            {
                attempt = 0;
            }

            try
            {
                await MarkAllUntrustedAsync("disconnected", cancellationToken).ConfigureAwait(false);
                TimeSpan delay = ExponentialBackoff.Delay(attempt++, _options.ReconnectMin, _options.ReconnectMax, Random.Shared.NextDouble());
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ChannelClosedException)
            {
                Metrics.SetState(false, "stopped: pipeline channel closed");
                return;
            }
        }
    }

    private ClientWebSocket CreateSocket(KalshiRequestSigner signer, Uri uri)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = _options.KeepAliveInterval;
        socket.Options.KeepAliveTimeout = _options.KeepAliveTimeout;

        // The handshake is a GET of the WebSocket path; the signature is fresh for every connection.
        foreach ((string name, string value) in signer.Headers("GET", uri.AbsolutePath, _time.GetUtcNow()))
        {
            socket.Options.SetRequestHeader(name, value);
        }

        return socket;
    }

    private async Task<IReadOnlyList<string>> ResolveTickersAsync(CancellationToken cancellationToken)
    {
        var tickers = new SortedSet<string>(_options.MarketTickers.Where(t => !string.IsNullOrWhiteSpace(t)), StringComparer.Ordinal);
        foreach (KalshiMarketInfo market in await DiscoverAsync(cancellationToken).ConfigureAwait(false))
        {
            tickers.Add(market.Ticker);
        }

        return [.. tickers];
    }

    /// <summary>Open markets of the configured series (none without a REST client); a failing series is logged and skipped.</summary>
    private async Task<IReadOnlyList<KalshiMarketInfo>> DiscoverAsync(CancellationToken cancellationToken)
    {
        if (_discovery is null || _options.SeriesTickers.Count == 0)
        {
            return [];
        }

        var discovered = new List<KalshiMarketInfo>();
        foreach (string series in _options.SeriesTickers)
        {
            try
            {
                discovered.AddRange(await _discovery.GetMarketsAsync(series, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or IOException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                _logger.LogWarning("Kalshi discovery of series {Series} failed: {Error}", series, ex.Message);
            }
        }

        DiscoveredMarkets = discovered;
        MarketsDiscovered?.Invoke(discovered);
        DateTime now = _time.GetUtcNow().UtcDateTime;
        foreach (KalshiMarketInfo market in discovered)
        {
            await _writer.WriteAsync(new MarketStatusChanged(market.Ticker, market.Status, now, now, market.Result, market.CloseTime), cancellationToken).ConfigureAwait(false);
        }

        return discovered;
    }

    /// <summary>
    /// Repeats discovery during a long session (new games open every day) and queues the new markets for the
    /// receive loop, which adds them to the live subscriptions: the socket is only ever written from that loop.
    /// </summary>
    private async Task RediscoverAsync(CancellationToken sessionEnd)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.DiscoveryInterval, _time, sessionEnd).ConfigureAwait(false);
                foreach (KalshiMarketInfo market in await DiscoverAsync(sessionEnd).ConfigureAwait(false))
                {
                    _discoveredTickers.Enqueue(market.Ticker);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Session over.
        }
        catch (ChannelClosedException)
        {
            // The pipeline is shutting down; the receive loop finds out on its next write.
        }
    }

    /// <summary>Adds markets found since the session began to every market-data subscription.</summary>
    private async Task AddDiscoveredMarketsAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var added = new List<string>();
        while (_discoveredTickers.TryDequeue(out string? ticker))
        {
            if (_tickers.Add(ticker))
            {
                added.Add(ticker);
            }
        }

        if (added.Count == 0)
        {
            return;
        }

        _logger.LogInformation("Kalshi feed adds {Count} newly discovered markets", added.Count);
        foreach ((long sid, string channel) in _sidChannels.Where(s => MarketChannels.Contains(s.Value)).ToList())
        {
            _logger.LogDebug("Adding markets to {Channel} (sid {Sid})", channel, sid);
            await SendAsync(socket, KalshiCommands.UpdateSubscription(NextId(), sid, KalshiCommands.AddMarketsAction, added), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One connection: subscribe, then receive until the server closes, the socket fails, or it falls silent.</summary>
    private async Task<string> RunSessionAsync(ClientWebSocket socket, IReadOnlyList<string> tickers, CancellationToken cancellationToken)
    {
        _tracker = new KalshiSequenceTracker();
        _pending.Clear();
        _sidChannels.Clear();
        _tickers = new HashSet<string>(tickers, StringComparer.Ordinal);

        _discoveredTickers.Clear();

        using var sessionEnd = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watchdog = new SilenceWatchdog(_time, _options.SilenceTimeout);
        Task watching = watchdog.WatchAsync(socket, sessionEnd.Token);
        Task rediscovering = _discovery is not null && _options.SeriesTickers.Count > 0 && _options.DiscoveryInterval > TimeSpan.Zero
            ? RediscoverAsync(sessionEnd.Token)
            : Task.CompletedTask;
        try
        {
            await SubscribeAllAsync(socket, cancellationToken).ConfigureAwait(false);
            var buffer = new ArrayBufferWriter<byte>(16 * 1024);
            while (true)
            {
                buffer.ResetWrittenCount();
                watchdog.WaitingStarted();
                ValueWebSocketReceiveResult result;
                try
                {
                    do
                    {
                        result = await socket.ReceiveAsync(buffer.GetMemory(8 * 1024), cancellationToken).ConfigureAwait(false);
                        buffer.Advance(result.Count);
                        if (buffer.WrittenCount > MaxMessageBytes)
                        {
                            return $"message larger than {MaxMessageBytes} bytes";
                        }
                    }
                    while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                }
                catch (Exception ex) when (watchdog.Tripped && ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
                {
                    return $"no message for {_options.SilenceTimeout.TotalSeconds:0.#} s";
                }
                finally
                {
                    watchdog.WaitingEnded();
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return $"server closed the connection ({socket.CloseStatus} {socket.CloseStatusDescription})";
                }

                DateTime receivedAt = _time.GetUtcNow().UtcDateTime;
                KalshiParsedMessage message = KalshiMessageParser.Parse(buffer.WrittenMemory, receivedAt, _options.UseYesPrice, _limits);
                await HandleAsync(socket, message, receivedAt, cancellationToken).ConfigureAwait(false);
                await AddDiscoveredMarketsAsync(socket, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await sessionEnd.CancelAsync().ConfigureAwait(false);
            await watching.ConfigureAwait(false);
            await rediscovering.ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(ClientWebSocket socket, KalshiParsedMessage message, DateTime receivedAt, CancellationToken cancellationToken)
    {
        // Replies on the order-book subscription (ok after update_subscription, unsubscribed) consume a sequence number.
        if (!message.IsOrderBook && message is { Sid: { } controlSid, Seq: { } controlSeq }
            && _sidChannels.GetValueOrDefault(controlSid) == OrderBookChannel
            && _tracker.OnControl(controlSid, controlSeq) == SequenceVerdict.Gap)
        {
            Metrics.SequenceGap();
            _logger.LogWarning("Kalshi order book sequence gap on sid {Sid} at seq {Seq} ({Type})", controlSid, controlSeq, message.Type);
            await ResyncAsync(socket, controlSid, $"sequence gap at seq {controlSeq}", cancellationToken).ConfigureAwait(false);
        }

        switch (message.Kind)
        {
            case KalshiMessageKind.Data:
                await HandleDataAsync(socket, message, receivedAt, cancellationToken).ConfigureAwait(false);
                break;
            case KalshiMessageKind.Subscribed:
                if (message.CommandId is { } subscribeId)
                {
                    _pending.Remove(subscribeId);
                }

                if (message.Sid is { } sid && message.Channel is { } channel)
                {
                    _sidChannels[sid] = channel;
                }

                break;
            case KalshiMessageKind.Acknowledged:
                if (message.CommandId is { } ackId)
                {
                    _pending.Remove(ackId);
                }

                break;
            case KalshiMessageKind.Error:
                await HandleErrorAsync(socket, message, cancellationToken).ConfigureAwait(false);
                break;
            case KalshiMessageKind.Unknown:
                // A type Kalshi added after this client was written: not broken data, so not a parse error.
                Metrics.UnknownMessage();
                if (_unknownTypesLogged.Add(message.Type ?? "?"))
                {
                    _logger.LogWarning("Kalshi message type {Type} is not handled by this client; further ones are counted, not logged", message.Type);
                }

                break;
            case KalshiMessageKind.Malformed:
                string reason = message.Detail ?? "unreadable message";
                Metrics.ParseError(reason);
                _logger.LogWarning("Kalshi message skipped ({Type}): {Reason}", message.Type ?? "?", reason);

                // A rejected order-book message still consumed a sequence number: the book cannot be trusted.
                if (message.IsOrderBook && message.Sid is { } bookSid)
                {
                    await ResyncAsync(socket, bookSid, $"rejected order book message: {reason}", cancellationToken).ConfigureAwait(false);
                }

                break;
        }
    }

    private async Task HandleDataAsync(ClientWebSocket socket, KalshiParsedMessage message, DateTime receivedAt, CancellationToken cancellationToken)
    {
        if (message.IsOrderBook && message.Sid is null)
        {
            Metrics.ParseError("order book message without sid");
            return;
        }

        foreach (MarketEvent marketEvent in message.Events)
        {
            TimeSpan lag = receivedAt - marketEvent.ExchangeTs;
            Metrics.MessageReceived(lag > TimeSpan.Zero ? lag : TimeSpan.Zero);
            switch (marketEvent)
            {
                case BookSnapshot snapshot:
                    SnapshotOutcome outcome = _tracker.OnSnapshot(message.Sid!.Value, snapshot.Seq, snapshot.Ticker);
                    await WriteAsync(snapshot, cancellationToken).ConfigureAwait(false);
                    if (outcome.Restored)
                    {
                        await WriteAsync(new BookIntegrityChanged(snapshot.Ticker, true, "snapshot", snapshot.ExchangeTs, receivedAt), cancellationToken).ConfigureAwait(false);
                    }

                    if (outcome.Gap)
                    {
                        Metrics.SequenceGap();
                        _logger.LogWarning("Kalshi order book sequence gap on sid {Sid} at snapshot seq {Seq}", message.Sid, snapshot.Seq);
                        await ResnapshotAsync(socket, message.Sid!.Value, outcome.Lost, $"sequence gap at snapshot seq {snapshot.Seq}", cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case BookDelta delta:
                    switch (_tracker.OnDelta(message.Sid!.Value, delta.Seq, delta.Ticker))
                    {
                        case SequenceVerdict.Apply:
                            await WriteAsync(delta, cancellationToken).ConfigureAwait(false);
                            break;
                        case SequenceVerdict.Gap:
                            Metrics.SequenceGap();
                            _logger.LogWarning("Kalshi order book sequence gap on sid {Sid} at seq {Seq}", message.Sid, delta.Seq);
                            await ResyncAsync(socket, message.Sid!.Value, $"sequence gap at seq {delta.Seq}", cancellationToken).ConfigureAwait(false);
                            break;
                        case SequenceVerdict.AwaitingSnapshot:
                            // Superseded by the snapshot that is on its way.
                            break;
                    }

                    break;
                case MarketStatusChanged status:
                    // The lifecycle channel covers every market on the exchange; keep ours.
                    if (_tickers.Contains(status.Ticker))
                    {
                        await WriteAsync(status, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case MarketCloseTimeChanged close:
                    if (_tickers.Contains(close.Ticker))
                    {
                        await WriteAsync(close, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                default:
                    await WriteAsync(marketEvent, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private async Task HandleErrorAsync(ClientWebSocket socket, KalshiParsedMessage message, CancellationToken cancellationToken)
    {
        string meaning = message.ErrorCode is { } errorCode ? KalshiErrorCodes.Describe(errorCode) : "no code";
        string text = $"Kalshi error {message.ErrorCode} ({meaning}): {message.Detail}";
        _logger.LogWarning("{Error} (command {Id})", text, message.CommandId);
        Metrics.SetState(true, "connected", text);
        if (message.CommandId is { } id && _pending.Remove(id, out PendingCommand? command) && command.Action == KalshiCommands.GetSnapshotAction)
        {
            // The server would not send a snapshot on request: renew the order-book subscription instead.
            await SendAsync(socket, KalshiCommands.Unsubscribe(NextId(), [command.Sid]), cancellationToken).ConfigureAwait(false);
            _sidChannels.Remove(command.Sid);
            await SubscribeAsync(socket, OrderBookChannel, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (message.ErrorCode is { } code && KalshiErrorCodes.Terminal.Contains(code))
        {
            await MarkAllUntrustedAsync($"Kalshi error {code}", cancellationToken).ConfigureAwait(false);
            if (_sidChannels.Count > 0)
            {
                await SendAsync(socket, KalshiCommands.Unsubscribe(NextId(), [.. _sidChannels.Keys]), cancellationToken).ConfigureAwait(false);
                _sidChannels.Clear();
            }

            await SubscribeAllAsync(socket, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Marks every book of the subscription untrusted and asks for fresh snapshots of all its markets.</summary>
    private Task ResyncAsync(ClientWebSocket socket, long sid, string reason, CancellationToken cancellationToken) =>
        ResnapshotAsync(socket, sid, _tracker.Invalidate(sid), reason, cancellationToken, allMarkets: true);

    /// <summary>
    /// Reports the <paramref name="lost"/> books untrusted and asks for snapshots with <c>get_snapshot</c>, which
    /// must name its markets: the lost ones, or every market of the subscription.
    /// </summary>
    private async Task ResnapshotAsync(
        ClientWebSocket socket, long sid, IReadOnlyList<string> lost, string reason, CancellationToken cancellationToken, bool allMarkets = false)
    {
        DateTime now = _time.GetUtcNow().UtcDateTime;
        foreach (string ticker in lost)
        {
            await WriteAsync(new BookIntegrityChanged(ticker, false, reason, now, now), cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyCollection<string> markets = allMarkets ? [.. _tickers] : lost;
        if (markets.Count == 0)
        {
            return;
        }

        long id = NextId();
        _pending[id] = new PendingCommand(KalshiCommands.GetSnapshotAction, sid);
        await SendAsync(socket, KalshiCommands.UpdateSubscription(id, sid, KalshiCommands.GetSnapshotAction, markets), cancellationToken).ConfigureAwait(false);
    }

    private async Task MarkAllUntrustedAsync(string reason, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> lost = _tracker.Reset();
        DateTime now = _time.GetUtcNow().UtcDateTime;
        foreach (string ticker in lost)
        {
            await WriteAsync(new BookIntegrityChanged(ticker, false, reason, now, now), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SubscribeAllAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        foreach (string channel in MarketChannels)
        {
            await SubscribeAsync(socket, channel, cancellationToken).ConfigureAwait(false);
        }

        await SubscribeAsync(socket, LifecycleChannel, cancellationToken).ConfigureAwait(false);
    }

    private Task SubscribeAsync(ClientWebSocket socket, string channel, CancellationToken cancellationToken)
    {
        long id = NextId();
        _pending[id] = new PendingCommand("subscribe", 0);

        // The lifecycle channel takes no market filter; only the order-book channel takes a price convention.
        IReadOnlyCollection<string> tickers = channel == LifecycleChannel ? [] : _tickers;
        bool? useYesPrice = channel == OrderBookChannel ? _options.UseYesPrice : null;
        return SendAsync(socket, KalshiCommands.Subscribe(id, channel, tickers, useYesPrice), cancellationToken);
    }

    private static Task SendAsync(ClientWebSocket socket, byte[] command, CancellationToken cancellationToken) =>
        socket.SendAsync(command, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    private ValueTask WriteAsync(MarketEvent marketEvent, CancellationToken cancellationToken) =>
        _writer.WriteAsync(marketEvent, cancellationToken);

    private long NextId() => ++_nextCommandId;

    private sealed record PendingCommand(string Action, long Sid);
}
