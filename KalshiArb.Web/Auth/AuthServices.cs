using KalshiArb.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace KalshiArb.Web.Auth;

/// <summary>Login: users and sessions, the auth cookie, anti-forgery, the data-protection keys behind both, and who may read.</summary>
internal static class AuthServices
{
    public static IServiceCollection AddKalshiArbAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CredentialStore>();
        services.AddSingleton<SessionStore>();
        services.AddScoped<AuthenticationStateProvider, SessionAuthenticationStateProvider>();
        // The keys directory must be known while registering (data protection reads it then), before options exist.
        AuthOptions auth = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        KeyProtection.Configure(services, auth, environment.ContentRootPath);

        // Secure whenever the request is HTTPS, including HTTPS ended at a trusted proxy (X-Forwarded-Proto, see ProxyOptions).
        services.AddAntiforgery(options =>
        {
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = AccountEndpoints.LoginPagePath;
                options.Cookie.Name = "kalshiarb.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.Events.OnRedirectToLogin = context => ApiAwareChallenge(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiAwareChallenge(context, StatusCodes.Status403Forbidden);
                options.Events.OnValidatePrincipal = RejectEndedSessionAsync;
            });
        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<AuthOptions>>((authorization, options) =>
        {
            if (options.Value.RequireLoginForReadPages)
            {
                authorization.FallbackPolicy = authorization.DefaultPolicy;
            }
        });
        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>Every request: the cookie's session must still exist and its password stamp still match.</summary>
    private static async Task RejectEndedSessionAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is { } principal && !context.HttpContext.RequestServices.GetRequiredService<SessionStore>().IsValid(principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>API callers get a status code; only page navigations are redirected to the login page.</summary>
    private static Task ApiAwareChallenge(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (ApiPaths.IsApi(context.Request.Path))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
