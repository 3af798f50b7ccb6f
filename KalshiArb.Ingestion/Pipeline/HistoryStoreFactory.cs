using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.InMemory;
using KalshiArb.Ingestion.Storage.QuestDb;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// Chooses the history store once, at start-up: QuestDB (schema ensured) when QuestDb:Mode is On, or Auto and
/// QuestDB answers; otherwise the in-memory fallback, with the reason logged and shown on the Health page.
/// </summary>
internal static class HistoryStoreFactory
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan CreateTimeout = TimeSpan.FromSeconds(30);

    public static IHistoryStore Create(IServiceProvider services)
    {
        QuestDbOptions options = services.GetRequiredService<IOptions<QuestDbOptions>>().Value;
        TimeProvider time = services.GetRequiredService<TimeProvider>();
        ILoggerFactory loggers = services.GetRequiredService<ILoggerFactory>();
        ILogger logger = loggers.CreateLogger(typeof(HistoryStoreFactory));
        if (options.Mode == ServiceMode.Off)
        {
            logger.LogInformation("QuestDb:Mode is Off: history is kept in memory");
            return InMemory(services, time);
        }

        // The DI container builds singletons synchronously; Task.Run keeps the async start-up work off any caller context.
        if (options.Mode == ServiceMode.Auto)
        {
            string? unreachable = Task.Run(() => QuestDbProbe.DescribeUnreachableAsync(options, ProbeTimeout, CancellationToken.None)).GetAwaiter().GetResult();
            if (unreachable is not null)
            {
                logger.LogWarning("QuestDB is not reachable ({Reason}): history is kept in memory and lost on restart", unreachable);
                return InMemory(services, time);
            }
        }

        try
        {
            using var timeout = new CancellationTokenSource(CreateTimeout);
            QuestDbHistoryStore store = Task.Run(() => QuestDbHistoryStore.CreateAsync(options, time, loggers, timeout.Token)).GetAwaiter().GetResult();
            logger.LogInformation("History stored in QuestDB at {Url}", options.HttpUrl);
            return store;
        }
        catch (Exception ex) when (options.Mode == ServiceMode.Auto && ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "QuestDB answered but its schema could not be created: history is kept in memory");
            return InMemory(services, time);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"QuestDb:Mode is On but QuestDB at {options.HttpUrl} could not be set up: {ex.Message}. Start QuestDB or set QuestDb:Mode to Auto.", ex);
        }
    }

    private static InMemoryHistoryStore InMemory(IServiceProvider services, TimeProvider time)
        => new(services.GetRequiredService<IOptions<InMemoryHistoryOptions>>().Value, time);
}
