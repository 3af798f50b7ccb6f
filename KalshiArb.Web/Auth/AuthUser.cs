namespace KalshiArb.Web.Auth;

/// <summary>One login: a name and a PBKDF2 password hash string, never the password itself.</summary>
internal sealed class AuthUser
{
    public string Name { get; init; } = "";

    public string PasswordHash { get; init; } = "";
}
