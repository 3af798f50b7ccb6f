using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using KalshiArb.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace KalshiArb.Web.Auth;

/// <summary>Form posts that sign a user in and out with the auth cookie (anti-forgery validated by the form binding).</summary>
internal static class AccountEndpoints
{
    public const string LoginPagePath = "/login";
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(LoginPath, LoginAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Login);
        app.MapPost(LogoutPath, LogoutAsync);
        return app;
    }

    private static async Task<IResult> LoginAsync(HttpContext context, CredentialStore credentials, SessionStore sessions, [FromForm] LoginForm form)
    {
        string returnUrl = SafeReturnUrl(form.ReturnUrl);
        if (!credentials.Validate(form.UserName, form.Password))
        {
            return Results.LocalRedirect($"{LoginPagePath}?error=1&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        ClaimsIdentity identity = sessions.Start(form.UserName!, CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(returnUrl);
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, SessionStore sessions, [FromForm] string? returnUrl)
    {
        // Ends the session server-side: a copy of the cookie kept elsewhere is worthless from now on.
        sessions.End(context.User);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect(SafeReturnUrl(returnUrl));
    }

    /// <summary>
    /// Only local paths of printable ASCII without backslashes: an absolute or protocol-relative return URL would be an
    /// open redirect, and control characters or non-ASCII would make the Location header invalid (a 500).
    /// </summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.Length <= 2048 && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && returnUrl.All(c => c is > ' ' and < (char)127 and not '\\')
            ? returnUrl
            : "/";
}
