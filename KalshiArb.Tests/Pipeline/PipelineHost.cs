using KalshiArb.Ingestion.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KalshiArb.Tests.Pipeline;

/// <summary>
/// A real generic host running <see cref="KalshiArbServiceCollectionExtensions.AddKalshiArbIngestion"/> with the given settings
/// on top of test defaults: no simulator, no QuestDB, no Redis, unless a test turns them on.
/// </summary>
internal static class PipelineHost
{
    public static IHost Build(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Simulator:Enabled"] = "off",
            ["QuestDb:Mode"] = "Off",
            ["Redis:Mode"] = "Off",
        };
        foreach ((string key, string? value) in settings)
        {
            all[key] = value;
        }

        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(all);
        builder.Services.AddKalshiArbIngestion(builder.Configuration);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
