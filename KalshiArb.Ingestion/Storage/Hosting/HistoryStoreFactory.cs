using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.InMemory;
using KalshiArb.Ingestion.Storage.QuestDb;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KalshiArb.Ingestion.Storage.Hosting;

/// <summary>
/// Picks the history store at start-up from <see cref="QuestDbOptions.Mode"/>: Off -> in memory; On -> QuestDB (writes
/// spool until it answers; schema creation must succeed); Auto -> QuestDB when the probe reaches it, otherwise the
/// in-memory fallback, with the reason on the Health page.
/// </summary>
internal static partial class HistoryStoreFactory
{
    public static async Task<IHistoryStore> CreateAsync(QuestDbOptions questDb, InMemoryHistoryOptions inMemory, TimeProvider time, ILoggerFactory? loggerFactory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(questDb);
        loggerFactory ??= NullLoggerFactory.Instance;
        ILogger logger = loggerFactory.CreateLogger(typeof(HistoryStoreFactory));
        if (questDb.Mode == ServiceMode.Off)
        {
            return new InMemoryHistoryStore(inMemory, time, "QuestDB switched off (QuestDb:Mode=off)");
        }

        if (questDb.Mode == ServiceMode.Auto)
        {
            string? unreachable = await QuestDbProbe.DescribeUnreachableAsync(questDb, TimeSpan.FromSeconds(3), ct);
            if (unreachable is not null)
            {
                LogFallingBackToMemory(logger, unreachable);
                return new InMemoryHistoryStore(inMemory, time, unreachable);
            }
        }

        return await QuestDbHistoryStore.CreateAsync(questDb, time, loggerFactory, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Reason}; using the in-memory history")]
    private static partial void LogFallingBackToMemory(ILogger logger, string reason);
}
