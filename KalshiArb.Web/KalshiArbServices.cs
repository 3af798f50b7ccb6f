using System.Text.Json.Serialization;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Web.Api;
using KalshiArb.Web.Auth;
using KalshiArb.Web.Hosting;
using KalshiArb.Web.Live;
using KalshiArb.Web.Services;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace KalshiArb.Web;

/// <summary>
/// Every registration of the app, in one place: Program.cs and the test hosts call <see cref="AddKalshiArb"/> and
/// replace only the doubles they need, so a test never runs with a different set of services than production.
/// </summary>
public static class KalshiArbServices
{
    /// <summary>The pipeline (feeds, market state, detection, storage) and the dashboard over it.</summary>
    public static IServiceCollection AddKalshiArb(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return services.AddKalshiArbIngestion(configuration).AddKalshiArbDashboard(configuration, environment);
    }

    /// <summary>The dashboard: the live stream, the page services, login, the API's JSON and errors, the UI framework.</summary>
    public static IServiceCollection AddKalshiArbDashboard(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LiveBatchStream>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveBatchStream>());

        services.AddSingleton<IMarketReader, PipelineMarketReader>();
        services.AddSingleton<MarketSeriesService>();
        services.AddSingleton<ExecutionService>();
        services.AddSingleton<MappingService>();
        services.AddSingleton<SettlementService>();
        services.AddSingleton<PnlService>();
        services.AddSingleton<PerformanceService>();
        services.AddSingleton<ClosingLineService>();
        services.AddSingleton<KalshiArb.Ingestion.Replay.OpportunityReplayer>();
        services.AddSingleton<HealthService>();

        services.AddKalshiArbAuth(configuration, environment);
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) => proxies.Value.Apply(forwarded));
        services.AddKalshiArbRateLimits();

        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Binding failures (days=abc, 1e400 in a body) throw, so the handler answers 400 ProblemDetails naming the field.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // A misspelt field ("fea" for "fee") is refused with its name, never silently dropped (the value would be stored as missing).
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        services.AddMudServices();
        services.AddRazorComponents().AddInteractiveServerComponents();
        return services;
    }
}
