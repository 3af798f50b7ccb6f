using System.Threading.Channels;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Validation;
using Microsoft.Extensions.Logging;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// Protocol, one connection's conversation: subscribe every channel for the markets to watch, then parse each message
/// and act on its kind: data to the pipeline through <see cref="KalshiBookSync"/>, replies to the
/// <see cref="KalshiSubscriptions"/>, errors explained (a terminal one renews every subscription), a type this client
/// does not know counted and logged once. Markets the <see cref="KalshiMarketProvider"/> finds meanwhile are added
/// to the live subscriptions between messages.
/// </summary>
internal sealed class KalshiSession
{
    private readonly KalshiOptions _options;
    private readonly KalshiMarketProvider _markets;
    private readonly FeedMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IngestionLimits _limits;
    private readonly KalshiSubscriptions _subscriptions;
    private readonly KalshiBookSync _books;

    // Message types already logged as unknown: each is logged once per feed, and counted every time.
    private readonly HashSet<string> _unknownTypesLogged = new(StringComparer.Ordinal);

    public KalshiSession(
        KalshiOptions options, KalshiMarketProvider markets, ChannelWriter<MarketEvent> writer, FeedMetrics metrics,
        TimeProvider time, ILogger logger, IngestionLimits limits)
    {
        _options = options;
        _markets = markets;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _limits = limits;
        _subscriptions = new KalshiSubscriptions(options.UseYesPrice);
        _books = new KalshiBookSync(_subscriptions, writer, metrics, time, logger);
    }

    /// <summary>The markets a new connection subscribes: the configured ones and those open in the configured series.</summary>
    public IReadOnlyList<string> Markets()
    {
        _markets.TakeFound();
        return [.. new SortedSet<string>([.. _options.MarketTickers.Where(t => !string.IsNullOrWhiteSpace(t)), .. _markets.Open], StringComparer.Ordinal)];
    }

    /// <summary>Subscribes, then receives until the connection ends; returns why it ended.</summary>
    public async Task<string> RunAsync(KalshiConnection connection, IReadOnlyList<string> tickers, CancellationToken cancellationToken)
    {
        _subscriptions.Begin(connection, tickers);
        _books.Begin();
        await _subscriptions.SubscribeAllAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            if (await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false) is { } ended)
            {
                return ended;
            }

            DateTime receivedAt = _time.GetUtcNow().UtcDateTime;
            KalshiParsedMessage message = KalshiMessageParser.Parse(connection.Message, receivedAt, _options.UseYesPrice, _limits);
            await HandleAsync(message, receivedAt, cancellationToken).ConfigureAwait(false);
            if (_markets.TakeFound() is { Count: > 0 } found
                && await _subscriptions.AddMarketsAsync(found, cancellationToken).ConfigureAwait(false) is > 0 and var added)
            {
                KalshiLog.MarketsAdded(_logger, added);
            }
        }
    }

    /// <summary>After a connection is lost, every book it kept is untrusted until its next snapshot.</summary>
    public Task ConnectionLostAsync(CancellationToken cancellationToken) =>
        _books.MarkAllUntrustedAsync("disconnected", cancellationToken);

    private async Task HandleAsync(KalshiParsedMessage message, DateTime receivedAt, CancellationToken cancellationToken)
    {
        await _books.OnControlAsync(message, cancellationToken).ConfigureAwait(false);
        switch (message.Kind)
        {
            case KalshiMessageKind.Data:
                await _books.OnDataAsync(message, receivedAt, cancellationToken).ConfigureAwait(false);
                break;
            case KalshiMessageKind.Subscribed:
                _subscriptions.Subscribed(message.CommandId, message.Sid, message.Channel);
                break;
            case KalshiMessageKind.Acknowledged:
                _subscriptions.Acknowledged(message.CommandId);
                break;
            case KalshiMessageKind.Error:
                await HandleErrorAsync(message, cancellationToken).ConfigureAwait(false);
                break;
            case KalshiMessageKind.Unknown:
                // A type Kalshi added after this client was written: not broken data, so not a parse error.
                _metrics.UnknownMessage();
                if (_unknownTypesLogged.Add(message.Type ?? "?"))
                {
                    KalshiLog.UnknownType(_logger, message.Type);
                }

                break;
            case KalshiMessageKind.Malformed:
                string reason = message.Detail ?? "unreadable message";
                _metrics.ParseError(reason);
                KalshiLog.MessageSkipped(_logger, message.Type ?? "?", reason);
                if (message.IsOrderBook && message.Sid is { } bookSid)
                {
                    await _books.OnRejectedAsync(bookSid, reason, cancellationToken).ConfigureAwait(false);
                }

                break;
        }
    }

    private async Task HandleErrorAsync(KalshiParsedMessage message, CancellationToken cancellationToken)
    {
        string meaning = message.ErrorCode is { } errorCode ? KalshiErrorCodes.Describe(errorCode) : "no code";
        string text = $"Kalshi error {message.ErrorCode} ({meaning}): {message.Detail}";
        KalshiLog.ErrorReceived(_logger, text, message.CommandId);
        _metrics.SetState(true, "connected", text);
        if (_subscriptions.Refused(message.CommandId) is { Action: KalshiCommands.GetSnapshotAction } refused)
        {
            // The server would not send a snapshot on request: renew the order-book subscription instead.
            await _subscriptions.RenewOrderBookAsync(refused.Sid, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (message.ErrorCode is { } code && KalshiErrorCodes.Terminal.Contains(code))
        {
            await _books.MarkAllUntrustedAsync($"Kalshi error {code}", cancellationToken).ConfigureAwait(false);
            await _subscriptions.RenewAllAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
