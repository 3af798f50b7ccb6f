using KalshiArb.Ingestion.Feeds.Hosting;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Storage.Hosting;
using KalshiArb.Ingestion.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>Registers ingestion, market state, detection and storage: the whole pipeline, hosted in-process.</summary>
public static class KalshiArbServiceCollectionExtensions
{
    /// <summary>
    /// Each area's registrations, every service a singleton; a <see cref="TimeProvider"/> registered before this call
    /// wins. Hosted services start in this order and stop in reverse: the feeds stop first, then the stale sweep, and
    /// the consumers last, finishing what the channel still holds.
    /// </summary>
    public static IServiceCollection AddKalshiArbIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<IngestionLimits>().Bind(configuration.GetSection(IngestionLimits.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddKalshiArbStorage(configuration)
            .AddKalshiArbMarket()
            .AddKalshiArbPipeline(configuration)
            .AddKalshiArbFeeds();
    }
}
