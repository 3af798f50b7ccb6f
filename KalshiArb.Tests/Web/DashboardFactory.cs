using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Web.Auth;
using KalshiArb.Web.Services;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KalshiArb.Tests.Web;

/// <summary>
/// The real web app (Program.cs: routing, auth, JSON, the pipeline's services) over test doubles for history, market
/// state; no feed runs, so only what the test publishes reaches the live stream.
/// </summary>
public sealed class DashboardFactory : WebApplicationFactory<Program>
{
    public const string UserName = "tester";
    public const string Password = "s3cret-for-tests";

    private static readonly string PasswordHash = PasswordHashing.Hash(Password, iterations: 1_000);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("kalshiarb-web-").FullName;

    /// <summary>This host's temporary data directory (keys, generated credentials).</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>The value of Auth:RequireLoginForReadPages for this host.</summary>
    public bool RequireLoginForReadPages { get; init; }

    /// <summary>More configuration for this host (key, value), applied after the defaults above.</summary>
    public Dictionary<string, string> Settings { get; init; } = new(StringComparer.Ordinal);

    internal RecordingHistoryStore History { get; } = new();

    internal FakeMarketReader Market { get; } = new();

    internal LiveUpdates Updates => Services.GetRequiredService<LiveUpdates>();

    /// <summary>A dashboard test host's settings: <see cref="TestHostSettings"/> for this factory's user, no simulator.</summary>
    internal static Dictionary<string, string?> BaseSettings(string dataDirectory, bool requireLoginForReadPages)
    {
        Dictionary<string, string?> settings = TestHostSettings.For(dataDirectory, UserName, PasswordHash);
        settings["Auth:RequireLoginForReadPages"] = requireLoginForReadPages ? "true" : "false";
        settings["Simulator:Enabled"] = "off";
        return settings;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach ((string key, string? value) in BaseSettings(_dataDirectory, RequireLoginForReadPages))
        {
            builder.UseSetting(key, value);
        }

        foreach ((string key, string value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IHistoryStore>();
            services.AddSingleton<IHistoryStore>(History);
            services.RemoveAll<IMarketReader>();
            services.AddSingleton<IMarketReader>(Market);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
