using Bunit;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Web.Live;
using KalshiArb.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace KalshiArb.Tests.Web;

/// <summary>A bUnit context with MudBlazor, loose JS interop and the dashboard's services over test doubles.</summary>
public abstract class DashboardTestContext : BunitContext
{
    internal DashboardTestContext()
    {
        Feeds = new FeedRegistry(Time);
        Stream = new LiveBatchStream(Updates, Time, Options.Create(new LiveOptions()), NullLogger<LiveBatchStream>.Instance);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton(Updates);
        Services.AddSingleton<IHistoryStore>(History);
        Services.AddSingleton<IMarketReader>(Market);
        Services.AddSingleton(Stream);
        Services.AddSingleton<MarketSeriesService>();
        Services.AddSingleton<ExecutionService>();
        Services.AddSingleton<PnlService>();
        Services.AddSingleton<PerformanceService>();
        Services.AddSingleton<ClosingLineService>();
        Services.AddSingleton<MappingService>();
        Services.AddSingleton<HealthService>();
        Services.AddSingleton<IEnumerable<IHealthSource>>(_ => HealthSources);
        Services.AddSingleton(Feeds);
        Services.AddSingleton<HealthReport>();
    }

    internal FakeTimeProvider Time { get; } = new(WebTestData.Now);

    internal LiveUpdates Updates { get; } = new();

    internal RecordingHistoryStore History { get; } = new();

    internal FakeMarketReader Market { get; } = new();

    internal List<IHealthSource> HealthSources { get; } = [];

    internal FeedRegistry Feeds { get; }

    internal LiveBatchStream Stream { get; }
}
