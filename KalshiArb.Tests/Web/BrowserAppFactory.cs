using KalshiArb.Web.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KalshiArb.Tests.Web;

/// <summary>
/// The whole app as a user runs it: the real pipeline with the simulator, in-memory history (QuestDB off unless the settings say otherwise), no
/// Redis, a test login and a temporary data directory, served by Kestrel on a free loopback port.
/// </summary>
public sealed class BrowserAppFactory : WebApplicationFactory<Program>
{
    public const string UserName = "browser";
    public const string Password = "browser-test-password";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("kalshiarb-browser-").FullName;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <param name="port">the loopback port to serve on.</param>
    /// <param name="settings">settings over the defaults above (e.g. a QuestDB to use).</param>
    public BrowserAppFactory(int port, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        BaseUrl = $"http://127.0.0.1:{port}";
        UseKestrel(port);
    }

    public string BaseUrl { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development: static web assets (MudBlazor, the chart library) are served from their build locations.
        builder.UseEnvironment("Development");
        Dictionary<string, string?> settings = TestHostSettings.For(_dataDirectory, UserName, PasswordHashing.Hash(Password, iterations: 1_000));
        settings["Simulator:Enabled"] = "on";
        settings["QuestDb:SpoolDirectory"] = Path.Combine(_dataDirectory, "spool");
        foreach ((string key, string? value) in _settings)
        {
            settings[key] = value;
        }

        foreach ((string key, string? value) in settings)
        {
            builder.UseSetting(key, value);
        }
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
