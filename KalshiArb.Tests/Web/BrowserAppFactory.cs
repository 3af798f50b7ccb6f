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
        builder.UseSetting("Simulator:Enabled", "on");
        builder.UseSetting("QuestDb:Mode", "Off");
        builder.UseSetting("QuestDb:SpoolDirectory", Path.Combine(_dataDirectory, "spool"));
        builder.UseSetting("Redis:Mode", "Off");
        builder.UseSetting("Auth:Users:0:Name", UserName);
        builder.UseSetting("Auth:Users:0:PasswordHash", PasswordHashing.Hash(Password, iterations: 1_000));
        builder.UseSetting("Auth:GeneratedUserFile", Path.Combine(_dataDirectory, "auth.json"));
        builder.UseSetting("Auth:KeysDirectory", Path.Combine(_dataDirectory, "keys"));
        builder.UseSetting("Auth:InitialPasswordFile", Path.Combine(_dataDirectory, "initial-admin-password.txt"));
        builder.UseSetting("Auth:PasswordIterations", "1000"); // the test hashes' cost: no upgrade on login
        foreach ((string key, string? value) in _settings)
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
