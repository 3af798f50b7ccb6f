using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using KalshiArb.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace KalshiArb.Web.Auth;

/// <summary>Form posts that sign a user in and out with the auth cookie (anti-forgery validated by the form binding).</summary>
public static class AccountEndpoints
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

    private static async Task<IResult> LoginAsync(HttpContext context, CredentialStore credentials, [FromForm] LoginForm form)
    {
        string returnUrl = SafeReturnUrl(form.ReturnUrl);
        if (!credentials.Validate(form.UserName, form.Password))
        {
            return Results.LocalRedirect($"{LoginPagePath}?error=1&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, form.UserName!)], CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(returnUrl);
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, [FromForm] string? returnUrl)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect(SafeReturnUrl(returnUrl));
    }

    /// <summary>Only local paths: an absolute or protocol-relative return URL would be an open redirect.</summary>
    private static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
