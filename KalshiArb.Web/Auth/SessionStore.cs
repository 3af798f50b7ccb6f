using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;

namespace KalshiArb.Web.Auth;

/// <summary>
/// Server-side login sessions. The auth cookie carries a session id and the user's password stamp
/// (<see cref="CredentialStore.StampOf"/>); a cookie is good only while its session is here and the stamp still
/// matches. Logout removes the session; removing a user or changing a password changes the stamp. Both end every
/// request (checked on each one) and every open page (<see cref="SessionAuthenticationStateProvider"/>). Sessions live
/// in memory: a restart logs everyone out.
/// </summary>
internal sealed class SessionStore : IDisposable
{
    public const string SessionClaim = "kalshiarb:sid";
    public const string StampClaim = "kalshiarb:stamp";

    private readonly ConcurrentDictionary<string, string> _sessions = new(StringComparer.Ordinal);
    private readonly CredentialStore _credentials;

    public SessionStore(CredentialStore credentials)
    {
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _credentials.Changed += OnCredentialsChanged;
    }

    /// <summary>Raised when sessions may have ended: open pages check theirs again.</summary>
    public event Action? Changed;

    /// <summary>A new session for a user who has just proved their password: the claims for the auth cookie.</summary>
    public ClaimsIdentity Start(string user, string authenticationType)
    {
        string id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _sessions[id] = user;
        return new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user), new Claim(SessionClaim, id), new Claim(StampClaim, _credentials.StampOf(user) ?? "")],
            authenticationType);
    }

    public bool IsValid(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        string? id = principal.FindFirstValue(SessionClaim);
        string? user = principal.Identity?.Name;
        return id is not null && user is not null
            && _sessions.TryGetValue(id, out string? owner) && owner == user
            && _credentials.StampOf(user) is { } stamp && stamp == principal.FindFirstValue(StampClaim);
    }

    public void End(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.FindFirstValue(SessionClaim) is { } id && _sessions.TryRemove(id, out _))
        {
            Changed?.Invoke();
        }
    }

    public void Dispose() => _credentials.Changed -= OnCredentialsChanged;

    private void OnCredentialsChanged() => Changed?.Invoke();
}
