using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Feeds.Hosting;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.Hosting;
using KalshiArb.Ingestion.Storage.InMemory;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Ingestion.Storage.Redis;
using KalshiArb.Ingestion.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>Registers ingestion, market state, detection and storage: the whole pipeline, hosted in-process.</summary>
public static class KalshiArbServiceCollectionExtensions
{
    /// <summary>
    /// Everything as singletons, plus three hosted services: the pipeline's consumers (one per shard of games), the stale sweep and the feed
    /// host. Sinks receive events in this order: history store (QuestDB or in-memory), the recorder of Kalshi's
    /// settlements, Redis hot cache (unless Redis:Mode is Off), <see cref="LiveUpdates"/>. A <see cref="TimeProvider"/> registered before this call wins.
    /// </summary>
    public static IServiceCollection AddKalshiArbIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IngestionLimits>().Bind(configuration.GetSection(IngestionLimits.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddStorageOptions();
        services.Configure<DetectionOptions>(configuration.GetSection(DetectionOptions.SectionName));

        // Market state and detection.
        services.AddSingleton<MarketState>();
        services.AddSingleton<MarketCatalog>();
        services.AddSingleton<IHealthSource>(provider => new PriceGridHealth(provider.GetRequiredService<MarketCatalog>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<MappingRegistry>();
        services.AddSingleton<MappingStore>();
        services.AddSingleton<FeeScheduleRegistry>();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<DetectionOptions>>().Value);
        // Games are split into shards, one consumer each; the detector and the channel split them the same way.
        services.AddSingleton(provider =>
        {
            PipelineOptions options = provider.GetRequiredService<IOptions<PipelineOptions>>().Value;
            return new GameRouter(provider.GetRequiredService<MappingRegistry>(), provider.GetRequiredService<FeeScheduleRegistry>(), options.Consumers);
        });
        services.AddSingleton<Detector>();

        // The channel and its consumers.
        services.AddSingleton(provider => new MarketEventChannel(
            provider.GetRequiredService<IOptions<PipelineOptions>>().Value.ChannelCapacity,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<GameRouter>()));
        services.AddSingleton<PipelineMetrics>();
        services.AddSingleton<IHealthSource>(provider => provider.GetRequiredService<PipelineMetrics>());
        services.AddSingleton(provider => provider.GetRequiredService<MarketEventChannel>().Writer);
        services.AddSingleton<PipelineProcessor>();
        services.AddSingleton<HealthReport>();

        // Sinks, in the order the consumer calls them. The stores are registered once (and so disposed once).
        services.AddSingleton(CreateHistoryStore);
        services.AddSingleton<IPipelineSink>(provider => HistoryView(provider.GetRequiredService<IHistoryStore>()));
        services.AddSingleton<IHealthSource>(provider => HistoryView(provider.GetRequiredService<IHistoryStore>()));
        services.AddSingleton(provider => new SettlementRecorder(
            provider.GetRequiredService<IHistoryStore>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<SettlementRecorder>>()));
        services.AddSingleton<IPipelineSink>(provider => SinkAndHealthView.Of(provider.GetRequiredService<SettlementRecorder>()));
        services.AddSingleton<IHealthSource>(provider => SinkAndHealthView.Of(provider.GetRequiredService<SettlementRecorder>()));
        RedisOptions redis = configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();
        if (redis.Mode != ServiceMode.Off)
        {
            services.AddSingleton(provider => new RedisHotCache(
                provider.GetRequiredService<IOptions<RedisOptions>>().Value,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<RedisHotCache>>()));
            services.AddSingleton<IPipelineSink>(provider => SinkAndHealthView.Of(provider.GetRequiredService<RedisHotCache>()));
            services.AddSingleton<IHealthSource>(provider => SinkAndHealthView.Of(provider.GetRequiredService<RedisHotCache>()));
        }

        services.AddSingleton<LiveUpdates>();
        services.AddSingleton<IPipelineSink>(provider => provider.GetRequiredService<LiveUpdates>());

        // Started in this order and stopped in reverse: feeds stop first, then the sweep, and the consumer last,
        // finishing what the channel still holds.
        services.AddHostedService<PipelineService>();
        services.AddHostedService<StaleSweepService>();
        return services.AddKalshiArbFeeds();
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

    private static SinkAndHealthView HistoryView(IHistoryStore store)
        => new(store.GetType().Name, store, store as IHealthSource ?? throw new InvalidOperationException($"{store.GetType().Name} reports no health."));
}
