namespace KalshiArb.Web.Components.Pages;

/// <summary>Read failures are logged with their cause; the page says only what the user can act on.</summary>
public partial class Executions
{
    private const string StoreUnavailable = "the history store did not answer. The Health page shows its state; the cause is in the application log.";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Executions page: the executions could not be read")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Executions page: P&L could not be computed")]
    private static partial void LogPnlFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Executions page: the stored figures of closed opportunity {OpportunityId} could not be read")]
    private static partial void LogClosedOpportunityReadFailed(ILogger logger, Exception exception, string opportunityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Executions page: the quotes at fill could not be read")]
    private static partial void LogQuotesFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Executions page: closing-line value could not be computed")]
    private static partial void LogClvFailed(ILogger logger, Exception exception);
}
