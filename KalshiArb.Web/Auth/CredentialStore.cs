using System.Text.Json;
using Microsoft.Extensions.Options;

namespace KalshiArb.Web.Auth;

/// <summary>
/// The users who may log in: those configured under <c>Auth:Users</c>, or, when none is configured, a generated
/// <c>admin</c> whose hash is kept in <see cref="AuthOptions.GeneratedUserFile"/>. The password is printed once,
/// on the start that creates it, and never stored in clear.
/// </summary>
public sealed class CredentialStore
{
    private const string GeneratedUserName = "admin";
    private readonly IReadOnlyList<AuthUser> _users;

    public CredentialStore(IOptions<AuthOptions> options, IHostEnvironment environment, TextWriter console)
    {
        AuthOptions auth = options.Value;
        List<AuthUser> configured = auth.Users.Where(u => !string.IsNullOrWhiteSpace(u.Name) && !string.IsNullOrWhiteSpace(u.PasswordHash)).ToList();
        _users = configured.Count > 0 ? configured : [LoadOrCreateGenerated(Path.Combine(environment.ContentRootPath, auth.GeneratedUserFile), console)];
    }

    public bool Validate(string? name, string? password)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password))
        {
            return false;
        }

        AuthUser? user = _users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.Ordinal));
        return user is not null && PasswordHashing.Verify(password, user.PasswordHash);
    }

    private static AuthUser LoadOrCreateGenerated(string path, TextWriter console)
    {
        if (File.Exists(path))
        {
            AuthUser? stored = JsonSerializer.Deserialize<AuthUser>(File.ReadAllText(path));
            if (stored is { Name.Length: > 0, PasswordHash.Length: > 0 })
            {
                return stored;
            }
        }

        string password = PasswordHashing.GeneratePassword();
        var user = new AuthUser { Name = GeneratedUserName, PasswordHash = PasswordHashing.Hash(password) };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(user));
        // Printed straight to the console, not through logging, so the password never reaches a log sink.
        console.WriteLine($"""

            ==== KalshiArb first start: no user configured under Auth:Users ====
            Log in as '{GeneratedUserName}' with password: {password}
            This password is shown only now; its hash is stored in {path}.
            To choose your own: dotnet run --project KalshiArb.Web -- hash-password <password>
            and set Auth__Users__0__Name / Auth__Users__0__PasswordHash (or user-secrets).
            ====================================================================

            """);
        return user;
    }
}
