using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace KalshiArb.Web.Auth;

/// <summary>
/// The users who may log in: those configured under <c>Auth:Users</c> (followed as the configuration changes), or,
/// when none is configured, a generated <c>admin</c> whose hash is kept in <see cref="AuthOptions.GeneratedUserFile"/>.
/// The generated password is written once to <see cref="AuthOptions.InitialPasswordFile"/> (mode 600) and only that
/// path is logged. A hash below <see cref="AuthOptions.PasswordIterations"/> is upgraded on its next good login; an
/// unknown user costs the same hashing work as a wrong password.
/// </summary>
internal sealed partial class CredentialStore : IDisposable
{
    private const string GeneratedUserName = "admin";
    private readonly IOptionsMonitor<AuthOptions> _options;
    private readonly IHostEnvironment _environment;
    private readonly ILogger<CredentialStore> _logger;
    private readonly IDisposable? _subscription;
    private readonly ConcurrentDictionary<string, (string Configured, string Upgraded)> _upgraded = new(StringComparer.Ordinal);
    private readonly Lazy<string> _unknownUserHash;
    private volatile IReadOnlyList<AuthUser> _users;
    private bool _generated;

    public CredentialStore(IOptionsMonitor<AuthOptions> options, IHostEnvironment environment, ILogger<CredentialStore> logger)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _users = Load(options.CurrentValue);
        _unknownUserHash = new Lazy<string>(() => PasswordHashing.Hash(PasswordHashing.GeneratePassword(), options.CurrentValue.PasswordIterations));
        _subscription = options.OnChange(auth =>
        {
            _users = Load(auth);
            Changed?.Invoke();
        });
    }

    /// <summary>Raised when users or their passwords may have changed: sessions are checked again.</summary>
    public event Action? Changed;

    public bool Validate(string? name, string? password)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password))
        {
            return false;
        }

        AuthUser? user = _users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.Ordinal));
        if (user is null)
        {
            // Same work as a wrong password, so response time does not tell which user names exist.
            PasswordHashing.Verify(password, _unknownUserHash.Value);
            return false;
        }

        string hash = _upgraded.TryGetValue(user.Name, out var upgraded) && upgraded.Configured == user.PasswordHash ? upgraded.Upgraded : user.PasswordHash;
        if (!PasswordHashing.Verify(password, hash))
        {
            return false;
        }

        int target = _options.CurrentValue.PasswordIterations;
        if (PasswordHashing.IterationsOf(hash) < target)
        {
            Upgrade(user, password, target);
        }

        return true;
    }

    /// <summary>
    /// A fingerprint of the user's configured password hash, carried by the session: a removed user (null) or a changed
    /// password (another stamp) ends every session of that user. Hash upgrades keep the stamp.
    /// </summary>
    public string? StampOf(string name) =>
        _users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.Ordinal)) is { } user
            ? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(user.PasswordHash)))[..16]
            : null;

    public void Dispose() => _subscription?.Dispose();

    private IReadOnlyList<AuthUser> Load(AuthOptions auth)
    {
        List<AuthUser> configured = auth.Users.Where(u => !string.IsNullOrWhiteSpace(u.Name) && !string.IsNullOrWhiteSpace(u.PasswordHash)).ToList();
        _generated = configured.Count == 0;
        return _generated ? [LoadOrCreateGenerated(auth)] : configured;
    }

    private void Upgrade(AuthUser user, string password, int iterations)
    {
        string stronger = PasswordHashing.Hash(password, iterations);
        _upgraded[user.Name] = (user.PasswordHash, stronger);
        if (_generated)
        {
            // The generated user's file is ours: the stronger hash replaces the old one for good (same stamp source kept in memory).
            WriteGenerated(GeneratedPath(_options.CurrentValue), new AuthUser { Name = user.Name, PasswordHash = stronger });
        }
        else
        {
            LogConfiguredHashWeak(_logger, user.Name, PasswordHashing.IterationsOf(user.PasswordHash), iterations);
        }
    }

    private AuthUser LoadOrCreateGenerated(AuthOptions auth)
    {
        string path = GeneratedPath(auth);
        if (File.Exists(path))
        {
            AuthUser? stored = JsonSerializer.Deserialize<AuthUser>(File.ReadAllText(path));
            if (stored is { Name.Length: > 0, PasswordHash.Length: > 0 })
            {
                return stored;
            }
        }

        string password = PasswordHashing.GeneratePassword();
        var user = new AuthUser { Name = GeneratedUserName, PasswordHash = PasswordHashing.Hash(password, auth.PasswordIterations) };
        WriteGenerated(path, user);
        string passwordFile = Path.Combine(_environment.ContentRootPath, auth.InitialPasswordFile);
        WriteOwnerOnly(passwordFile, $"{password}\n");
        // The path, never the password: logs are kept and shipped, the file is readable by the app's user only.
        LogGeneratedPassword(_logger, GeneratedUserName, passwordFile);
        return user;
    }

    private string GeneratedPath(AuthOptions auth) => Path.Combine(_environment.ContentRootPath, auth.GeneratedUserFile);

    private static void WriteGenerated(string path, AuthUser user) => WriteOwnerOnly(path, JsonSerializer.Serialize(user));

    /// <summary>Created with mode 600 from the start (not chmod-ed afterwards), so there is no moment another user could read it.</summary>
    private static void WriteOwnerOnly(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, Encoding.UTF8, options);
        writer.Write(content);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "First start: no user configured under Auth:Users. Log in as '{User}' with the password in {PasswordFile} (readable by this app's user only; delete it once read). To choose your own: hash-password, then Auth__Users__0__Name / Auth__Users__0__PasswordHash.")]
    private static partial void LogGeneratedPassword(ILogger logger, string user, string passwordFile);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The configured hash of user '{User}' uses {Iterations} PBKDF2 iterations; upgraded to {Target} in memory for this run. Run hash-password and configure the new hash to keep it.")]
    private static partial void LogConfiguredHashWeak(ILogger logger, string user, int iterations, int target);
}
