using KalshiArb.Ingestion.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace KalshiArb.Ingestion.Market;

/// <summary>Registers the in-memory market state: books and quotes, the catalog, mappings (and their one writer), fee schedules.</summary>
internal static class MarketServiceCollectionExtensions
{
    public static IServiceCollection AddKalshiArbMarket(this IServiceCollection services)
    {
        services.AddSingleton<MarketState>();
        services.AddSingleton<MarketCatalog>();
        services.AddSingleton<IHealthSource>(provider => new PriceGridHealth(provider.GetRequiredService<MarketCatalog>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<MappingRegistry>();
        services.AddSingleton<MappingStore>();
        services.AddSingleton<FeeScheduleRegistry>();
        return services;
    }
}
