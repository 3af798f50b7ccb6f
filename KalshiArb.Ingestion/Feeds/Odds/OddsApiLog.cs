using Microsoft.Extensions.Logging;

namespace KalshiArb.Ingestion.Feeds.Odds;

/// <summary>The odds feed's log lines: at most a few per poll, none per quote. URLs appear without their query (the key).</summary>
internal static partial class OddsApiLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Odds poller disabled: no API key configured")]
    public static partial void NoKey(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Odds poll failed unexpectedly")]
    public static partial void FailedUnexpectedly(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Odds API {Path} unreachable: {Error}")]
    public static partial void Unreachable(ILogger logger, string path, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Odds API refused the key ({Error}); the odds poller stops until the key is fixed and the app restarted")]
    public static partial void KeyRefused(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Odds API {Path}: {Error}; {State}")]
    public static partial void Refused(ILogger logger, string path, string error, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Odds API {Path} body skipped: {Error}")]
    public static partial void BodySkipped(ILogger logger, string path, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Odds API {Path}: {Error}")]
    public static partial void Skipped(ILogger logger, string path, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Odds API {Path} answered without x-requests-remaining / x-requests-used: the quota is unknown; polling goes on (logged once until they return)")]
    public static partial void QuotaHeadersMissing(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Odds API quota exhausted (x-requests-remaining = 0); backing off")]
    public static partial void QuotaExhausted(ILogger logger);
}
