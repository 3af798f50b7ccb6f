using Microsoft.Extensions.Logging;

namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>Log messages of the writer (source-generated; none per row).</summary>
internal sealed partial class IlpWriter
{
    [LoggerMessage(Level = LogLevel.Error, Message = "QuestDB refused the ILP writes as misconfigured: {Error}. Rows are kept in the spool at {Directory} until it is fixed")]
    private static partial void LogMisconfigured(ILogger logger, string error, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "QuestDB unreachable ({Error}); spooling to {Directory} and retrying with backoff")]
    private static partial void LogUnreachable(ILogger logger, string error, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "QuestDB acknowledges ILP over {Transport} again after {Seconds:0.#} s")]
    private static partial void LogRecovered(ILogger logger, string transport, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "QuestDB rejected a row for good ({Error}); kept in {Path}: {Row}")]
    private static partial void LogRejected(ILogger logger, string error, string path, string row);

    [LoggerMessage(Level = LogLevel.Error, Message = "ILP spool at {Directory}: {Failure}; {Rows} rows dropped")]
    private static partial void LogRowsDropped(ILogger logger, string directory, string failure, int rows);

    [LoggerMessage(Level = LogLevel.Error, Message = "ILP spool read failed")]
    private static partial void LogSpoolReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Acknowledgement callback failed")]
    private static partial void LogAcknowledgementFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed spooled ILP batch {Id} ({Rows} rows)")]
    private static partial void LogReplayed(ILogger logger, long id, int rows);
}
