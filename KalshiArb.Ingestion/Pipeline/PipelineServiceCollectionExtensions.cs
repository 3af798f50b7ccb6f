using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>Registers the pipeline: detection sharded by game, the channel and its consumers, the sinks in order, the health report.</summary>
internal static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Sinks receive events in this order: history store, the recorder of Kalshi's settlements, the Redis hot cache
    /// (when storage registered it), <see cref="LiveUpdates"/>. Two hosted services, the consumers and the stale sweep.
    /// </summary>
    public static IServiceCollection AddKalshiArbPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.Configure<DetectionOptions>(configuration.GetSection(DetectionOptions.SectionName));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<DetectionOptions>>().Value);
        // Games are split into shards, one consumer each; the detector and the channel split them the same way.
        services.AddSingleton(provider => new GameRouter(
            provider.GetRequiredService<MappingRegistry>(),
            provider.GetRequiredService<FeeScheduleRegistry>(),
            provider.GetRequiredService<IOptions<PipelineOptions>>().Value.Consumers));
        services.AddSingleton<Detector>();

        services.AddSingleton(provider => new MarketEventChannel(
            provider.GetRequiredService<IOptions<PipelineOptions>>().Value.ChannelCapacity,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<GameRouter>()));
        services.AddSingleton(provider => provider.GetRequiredService<MarketEventChannel>().Writer);
        services.AddSingleton<PipelineMetrics>();
        services.AddSingleton<IHealthSource>(provider => provider.GetRequiredService<PipelineMetrics>());
        services.AddSingleton<PipelineProcessor>();
        services.AddSingleton<SinkQueue>();
        services.AddSingleton<HealthReport>();

        services.AddSingleton<IPipelineSink>(provider => HistoryView(provider.GetRequiredService<IHistoryStore>()));
        services.AddSingleton<IHealthSource>(provider => HistoryView(provider.GetRequiredService<IHistoryStore>()));
        services.AddSingleton(provider => new SettlementRecorder(
            provider.GetRequiredService<IHistoryStore>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<SettlementRecorder>>()));
        services.AddSingleton<IPipelineSink>(provider => SinkAndHealthView.Of(provider.GetRequiredService<SettlementRecorder>()));
        services.AddSingleton<IHealthSource>(provider => SinkAndHealthView.Of(provider.GetRequiredService<SettlementRecorder>()));
        if (services.Any(registration => registration.ServiceType == typeof(RedisHotCache)))
        {
            services.AddSingleton<IPipelineSink>(provider => SinkAndHealthView.Of(provider.GetRequiredService<RedisHotCache>()));
            services.AddSingleton<IHealthSource>(provider => SinkAndHealthView.Of(provider.GetRequiredService<RedisHotCache>()));
        }

        services.AddSingleton<LiveUpdates>();
        services.AddSingleton<IPipelineSink>(provider => provider.GetRequiredService<LiveUpdates>());

        services.AddHostedService<PipelineService>();
        services.AddHostedService<StaleSweepService>();
        return services;
    }

    private static SinkAndHealthView HistoryView(IHistoryStore store)
        => new(store.GetType().Name, store, store as IHealthSource ?? throw new InvalidOperationException($"{store.GetType().Name} reports no health."));
}
