using Microsoft.Extensions.Logging;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>The Kalshi feed's log lines; none is written per market-data message.</summary>
internal static partial class KalshiLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Kalshi feed disabled: no API key id and private key configured")]
    public static partial void NoCredentials(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kalshi feed disabled: {Reason}")]
    public static partial void KeyUnusable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kalshi feed connected to {Uri} for {Count} markets")]
    public static partial void Connected(ILogger logger, Uri uri, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kalshi feed disconnected: {Reason}")]
    public static partial void Disconnected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kalshi feed connection failed: {Error}")]
    public static partial void ConnectionFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kalshi feed failed unexpectedly")]
    public static partial void FailedUnexpectedly(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kalshi feed adds {Count} newly discovered markets")]
    public static partial void MarketsAdded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kalshi order book sequence gap on sid {Sid} at seq {Seq} ({Type})")]
    public static partial void ControlSequenceGap(ILogger logger, long sid, long seq, string? type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kalshi order book sequence gap on sid {Sid} at snapshot seq {Seq}")]
    public static partial void SnapshotSequenceGap(ILogger logger, long sid, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kalshi order book sequence gap on sid {Sid} at seq {Seq}")]
    public static partial void DeltaSequenceGap(ILogger logger, long sid, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kalshi message type {Type} is not handled by this client; further ones are counted, not logged")]
    public static partial void UnknownType(ILogger logger, string? type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kalshi message skipped ({Type}): {Reason}")]
    public static partial void MessageSkipped(ILogger logger, string type, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Error} (command {Id})")]
    public static partial void ErrorReceived(ILogger logger, string error, long? id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kalshi discovery of series {Series} failed: {Error}")]
    public static partial void SeriesDiscoveryFailed(ILogger logger, string series, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kalshi series discovery failed; fees stay as last known (standard quadratic when never known)")]
    public static partial void SeriesFeesUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kalshi fee change schedule unavailable; scheduled changes stay as last known")]
    public static partial void FeeChangesUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Series {Series} has unknown fee type {FeeType}; pricing it with the quadratic taker fee")]
    public static partial void UnknownFeeType(ILogger logger, string series, string? feeType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read stored settlements; missed Kalshi results are asked for at the next interval")]
    public static partial void SettlementsUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asking Kalshi for the result of {Ticker} failed; retrying at the next interval")]
    public static partial void ResultRequestFailed(ILogger logger, Exception exception, string ticker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kalshi fee change skipped: {Change}")]
    public static partial void FeeChangeSkipped(ILogger logger, string change);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped Kalshi market {Ticker}: {Reason}; it is not subscribed or priced")]
    public static partial void LineMarketSkipped(ILogger logger, string ticker, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a Kalshi market of series {Series} without ticker or event ticker")]
    public static partial void MarketWithoutTickerSkipped(ILogger logger, string series);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kalshi {Path} returned more than {Pages} pages; the rest is ignored")]
    public static partial void TooManyPages(ILogger logger, string path, int pages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kalshi REST {Path} answered {Status}; retrying in {Delay}")]
    public static partial void RestRetrying(ILogger logger, string path, int status, TimeSpan delay);
}
