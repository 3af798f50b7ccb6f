using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace KalshiArb.Web.Auth;

/// <summary>
/// The authentication state of one Blazor circuit: as the cookie said when the page opened, until its session ends
/// (logout in another tab, user removed, password changed); then at once anonymous, so the page's forms stop writing.
/// </summary>
internal sealed class SessionAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    private static readonly Task<AuthenticationState> Anonymous = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));
    private readonly SessionStore _sessions;

    public SessionAuthenticationStateProvider(SessionStore sessions)
    {
        _sessions = sessions ?? throw new ArgumentNullException(nameof(sessions));
        _sessions.Changed += OnSessionsChanged;
    }

    public void Dispose() => _sessions.Changed -= OnSessionsChanged;

    private async void OnSessionsChanged()
    {
        AuthenticationState state = await GetAuthenticationStateAsync();
        if (state.User.Identity?.IsAuthenticated == true && !_sessions.IsValid(state.User))
        {
            SetAuthenticationState(Anonymous);
        }
    }
}
