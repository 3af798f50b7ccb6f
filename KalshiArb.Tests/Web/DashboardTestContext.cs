using Bunit;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Feeds.Hosting;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Web;
using KalshiArb.Web.Live;
using KalshiArb.Web.Services;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Web;

/// <summary>
/// A bUnit context holding the app's own registrations (<see cref="KalshiArbServices.AddKalshiArb"/>, as Program.cs
/// makes them) with loose JS interop, a test clock and doubles for history, market state and health sources.
/// </summary>
public abstract class DashboardTestContext : BunitContext
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("kalshiarb-bunit-").FullName;

    internal DashboardTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Simulator:Enabled"] = "off",
            ["QuestDb:Mode"] = "Off",
            ["Redis:Mode"] = "Off",
        }).Build();
        // As a host provides them; the clock first, since the app's registrations keep a TimeProvider already present.
        var environment = new TestEnvironment(_dataDirectory);
        Services.AddSingleton(configuration);
        Services.AddSingleton<IWebHostEnvironment>(environment);
        Services.AddSingleton<IHostEnvironment>(environment);
        Services.AddSingleton<TimeProvider>(Time);
        HashSet<Type> bunitOwn = [.. Services.Select(d => d.ServiceType)];
        int before = Services.Count;
        Services.AddKalshiArb(configuration, environment);
        // bUnit's renderer, JS interop and navigation stay: the server circuit's own need a browser.
        foreach (ServiceDescriptor replaced in Services.Skip(before).Where(d => bunitOwn.Contains(d.ServiceType)).ToList())
        {
            Services.Remove(replaced);
        }

        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.RemoveAll<IHistoryStore>();
        Services.AddSingleton<IHistoryStore>(History);
        Services.RemoveAll<IMarketReader>();
        Services.AddSingleton<IMarketReader>(Market);
        Services.RemoveAll<MappingRegistry>();
        Services.AddSingleton(Market.MappingRegistry);
        Services.RemoveAll<IHealthSource>();
        Services.AddSingleton<IEnumerable<IHealthSource>>(_ => HealthSources);
    }

    internal FakeTimeProvider Time { get; } = new(WebTestData.Now);

    internal RecordingHistoryStore History { get; } = new();

    internal FakeMarketReader Market { get; } = new();

    internal List<IHealthSource> HealthSources { get; } = [];

    internal LiveUpdates Updates => Services.GetRequiredService<LiveUpdates>();

    internal FeedRegistry Feeds => Services.GetRequiredService<FeedRegistry>();

    internal LiveBatchStream Stream => Services.GetRequiredService<LiveBatchStream>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private sealed class TestEnvironment(string contentRoot) : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = contentRoot;

        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();

        public string EnvironmentName { get; set; } = "Testing";

        public string ApplicationName { get; set; } = "KalshiArb.Web";

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
