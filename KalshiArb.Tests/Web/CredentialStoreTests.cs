using System.Diagnostics;
using KalshiArb.Web.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KalshiArb.Tests.Web;

public sealed class CredentialStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kalshiarb-auth-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Without_configured_users_the_first_start_writes_the_admin_password_to_an_owner_only_file_and_logs_only_its_path()
    {
        var logs = new CapturingLoggerProvider();
        var (first, _) = Store(new AuthOptions { PasswordIterations = 1_000 }, logs);
        string passwordFile = Path.Combine(_directory, "data", "initial-admin-password.txt");
        string password = File.ReadAllText(passwordFile).Trim();
        string written = File.ReadAllText(passwordFile);
        var secondLogs = new CapturingLoggerProvider();
        var (second, _) = Store(new AuthOptions { PasswordIterations = 1_000 }, secondLogs);

        Assert.Equal(24, password.Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwordFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, "data", "auth.json")));
        Assert.True(first.Validate("admin", password));
        Assert.DoesNotContain(password, File.ReadAllText(Path.Combine(_directory, "data", "auth.json")));
        Assert.Contains(logs.Lines, line => line.Contains(passwordFile, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(password, StringComparison.Ordinal));
        Assert.True(second.Validate("admin", password));
        Assert.Empty(secondLogs.Lines);
        Assert.Equal(written, File.ReadAllText(passwordFile));
        Assert.False(second.Validate("admin", "wrong"));
    }

    [Fact]
    public void Configured_users_are_used_and_nothing_is_generated()
    {
        var (store, _) = Store(new AuthOptions
        {
            PasswordIterations = 1_000,
            Users = [new AuthUser { Name = "ops", PasswordHash = PasswordHashing.Hash("pw-ops", 1_000) }],
        });

        Assert.True(store.Validate("ops", "pw-ops"));
        Assert.False(store.Validate("admin", "pw-ops"));
        Assert.False(File.Exists(Path.Combine(_directory, "data", "auth.json")));
        Assert.False(File.Exists(Path.Combine(_directory, "data", "initial-admin-password.txt")));
    }

    [Fact]
    public void A_weaker_stored_hash_is_upgraded_to_the_configured_cost_on_the_next_good_login()
    {
        var (weak, _) = Store(new AuthOptions { PasswordIterations = 1_000 });
        string password = File.ReadAllText(Path.Combine(_directory, "data", "initial-admin-password.txt")).Trim();
        string file = Path.Combine(_directory, "data", "auth.json");
        Assert.Contains("pbkdf2-sha256$1000$", File.ReadAllText(file));

        var (stronger, _) = Store(new AuthOptions { PasswordIterations = 3_000 });
        Assert.False(stronger.Validate("admin", "wrong password"));
        Assert.Contains("pbkdf2-sha256$1000$", File.ReadAllText(file)); // a failed login changes nothing
        Assert.True(stronger.Validate("admin", password));

        Assert.Contains("pbkdf2-sha256$3000$", File.ReadAllText(file));
        Assert.True(stronger.Validate("admin", password));
        Assert.True(weak.StampOf("admin") is not null);
    }

    [Fact]
    public void An_unknown_user_costs_the_same_hashing_work_as_a_wrong_password()
    {
        const int iterations = 200_000;
        var (store, _) = Store(new AuthOptions
        {
            PasswordIterations = iterations,
            Users = [new AuthUser { Name = "ops", PasswordHash = PasswordHashing.Hash("pw-ops-long-enough", iterations) }],
        });
        store.Validate("nobody", "warm-up"); // the unknown-user hash is made once, on first use

        // Interleaved, fastest of each: the machine's other load slows single runs, never speeds them up.
        var wrongTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (int i = 0; i < 7; i++)
        {
            wrongTimes.Add(Time(() => store.Validate("ops", "not the password")));
            unknownTimes.Add(Time(() => store.Validate("nobody", "not the password")));
        }

        double wrong = wrongTimes.Min();
        double unknown = unknownTimes.Min();

        // Both run 200,000 PBKDF2 iterations; without the dummy hash the unknown user took microseconds.
        Assert.InRange(unknown / wrong, 0.5, 2.0);
    }

    [Fact]
    public void Changing_a_password_or_removing_the_user_in_configuration_changes_the_session_stamp()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:PasswordIterations"] = "1000",
            ["Auth:Users:0:Name"] = "ops",
            ["Auth:Users:0:PasswordHash"] = PasswordHashing.Hash("first-password", 1_000),
            ["Auth:Users:1:Name"] = "viewer",
            ["Auth:Users:1:PasswordHash"] = PasswordHashing.Hash("viewer-password", 1_000),
        }).Build();
        using ServiceProvider services = new ServiceCollection().AddOptions().Configure<AuthOptions>(config.GetSection("Auth")).BuildServiceProvider();
        using var store = new CredentialStore(services.GetRequiredService<IOptionsMonitor<AuthOptions>>(), Environment(), NullLogger<CredentialStore>.Instance);
        int changes = 0;
        store.Changed += () => changes++;
        string? before = store.StampOf("ops");

        config["Auth:Users:0:PasswordHash"] = PasswordHashing.Hash("second-password", 1_000);
        config["Auth:Users:1:Name"] = null;
        config["Auth:Users:1:PasswordHash"] = null;
        config.Reload();

        Assert.NotNull(before);
        Assert.NotEqual(before, store.StampOf("ops"));
        Assert.Null(store.StampOf("viewer"));
        Assert.True(changes > 0);
        Assert.True(store.Validate("ops", "second-password"));
        Assert.False(store.Validate("ops", "first-password"));
    }

    private static double Time(Func<bool> validate)
    {
        long start = Stopwatch.GetTimestamp();
        validate();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private (CredentialStore Store, IOptionsMonitor<AuthOptions> Options) Store(AuthOptions auth, CapturingLoggerProvider? logs = null)
    {
        var options = new StaticMonitor(auth);
        var loggers = new Microsoft.Extensions.Logging.LoggerFactory(logs is null ? [] : [logs]);
        return (new CredentialStore(options, Environment(), new Microsoft.Extensions.Logging.Logger<CredentialStore>(loggers)), options);
    }

    private HostingEnvironment Environment() => new() { ContentRootPath = _directory };

    /// <summary>Options that never change.</summary>
    private sealed class StaticMonitor(AuthOptions value) : IOptionsMonitor<AuthOptions>
    {
        public AuthOptions CurrentValue => value;

        public AuthOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<AuthOptions, string?> listener) => null;
    }
}
