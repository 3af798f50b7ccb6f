using KalshiArb.Ingestion.Storage.InMemory;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Ingestion.Storage.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KalshiArb.Ingestion.Storage.Hosting;

/// <summary>Registers the stores: the history store (QuestDB or in memory) and, unless Redis:Mode is Off, the Redis hot cache.</summary>
internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The storage options (checked at start), <see cref="IHistoryStore"/> and <see cref="RedisHotCache"/>, each
    /// registered once (and so disposed once). The pipeline decides where they sit among its sinks.
    /// </summary>
    public static IServiceCollection AddKalshiArbStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddStorageOptions();
        services.AddSingleton(CreateHistoryStore);
        RedisOptions redis = configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();
        if (redis.Mode != ServiceMode.Off)
        {
            services.AddSingleton(provider => new RedisHotCache(
                provider.GetRequiredService<IOptions<RedisOptions>>().Value,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<RedisHotCache>>()));
        }

        return services;
    }

    /// <summary>
    /// QuestDB when QuestDb:Mode is On, or Auto and QuestDB answers at start-up (schema ensured); otherwise the
    /// in-memory history, with the reason on the Health page. The container builds singletons synchronously, so the
    /// start-up work runs on the thread pool and is awaited here, once.
    /// </summary>
    private static IHistoryStore CreateHistoryStore(IServiceProvider provider)
    {
        QuestDbOptions questDb = provider.GetRequiredService<IOptions<QuestDbOptions>>().Value;
        InMemoryHistoryOptions inMemory = provider.GetRequiredService<IOptions<InMemoryHistoryOptions>>().Value;
        TimeProvider time = provider.GetRequiredService<TimeProvider>();
        ILoggerFactory loggers = provider.GetRequiredService<ILoggerFactory>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return Task.Run(() => HistoryStoreFactory.CreateAsync(questDb, inMemory, time, loggers, timeout.Token)).GetAwaiter().GetResult();
    }
}
