using KalshiArb.Ingestion.Storage.InMemory;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Ingestion.Storage.Redis;
using Microsoft.Extensions.DependencyInjection;

namespace KalshiArb.Ingestion.Storage.Hosting;

/// <summary>
/// Binds the storage settings from the host's configuration and checks them when the host starts, so a bad value
/// stops the application at once with the setting's name instead of failing later inside a writer.
/// </summary>
internal static class StorageOptionsRegistration
{
    public static IServiceCollection AddStorageOptions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<QuestDbOptions>().BindConfiguration(QuestDbOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InMemoryHistoryOptions>().BindConfiguration(InMemoryHistoryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
