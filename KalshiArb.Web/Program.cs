using System.Text.Json.Serialization;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Web.Api;
using KalshiArb.Web.Auth;
using KalshiArb.Web.Components;
using KalshiArb.Web.Hosting;
using KalshiArb.Web.Live;
using KalshiArb.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

if (args is [HashPasswordCommand.Name, var password])
{
    return HashPasswordCommand.Run(password, Console.Out, Console.Error);
}

if (args is [HealthCheckCommand.Name, .. var healthUrl])
{
    return await HealthCheckCommand.RunAsync(healthUrl.FirstOrDefault(), Console.Out);
}

var builder = WebApplication.CreateBuilder(args);
// MudBlazor's and the app's static web assets from their build locations under `dotnet run` in any environment
// (the default run is Production); a published app has no manifest and serves them from wwwroot.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddKalshiArb(builder.Configuration);

builder.Services.Configure<LiveOptions>(builder.Configuration.GetSection(LiveOptions.SectionName));
builder.Services.AddSingleton<LiveBatchStream>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveBatchStream>());
builder.Services.AddHostedService<EdgeHubBroadcaster>();

builder.Services.TryAddSingleton<IMarketReader, PipelineMarketReader>();
builder.Services.AddSingleton<MarketSeriesService>();
builder.Services.AddSingleton<ExecutionService>();
builder.Services.AddSingleton<MappingService>();
builder.Services.AddSingleton<SettlementService>();
builder.Services.AddSingleton<PnlService>();
builder.Services.AddSingleton<PerformanceService>();
builder.Services.AddSingleton<ClosingLineService>();
builder.Services.AddSingleton<KalshiArb.Ingestion.Replay.OpportunityReplayer>();
builder.Services.AddSingleton<HealthService>();

AuthOptions authOptions = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<CredentialStore>();
builder.Services.AddSingleton<SessionStore>();
builder.Services.AddScoped<AuthenticationStateProvider, SessionAuthenticationStateProvider>();
KeyProtection.Configure(builder.Services, authOptions, builder.Environment.ContentRootPath);
ProxyOptions proxies = builder.Configuration.GetSection(ProxyOptions.SectionName).Get<ProxyOptions>() ?? new ProxyOptions();
builder.Services.Configure<ForwardedHeadersOptions>(proxies.Apply);
builder.Services.AddKalshiArbRateLimits();
// Secure whenever the request is HTTPS, including HTTPS ended at a trusted proxy (X-Forwarded-Proto, see ProxyOptions).
builder.Services.AddAntiforgery(options =>
{
    options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    options.Cookie.SameSite = SameSiteMode.Strict;
    options.Cookie.HttpOnly = true;
});
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
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
        // Every request: the cookie's session must still exist and its password stamp still match.
        options.Events.OnValidatePrincipal = async context =>
        {
            if (context.Principal is { } principal && !context.HttpContext.RequestServices.GetRequiredService<SessionStore>().IsValid(principal))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }
        };
        options.Events.OnRedirectToAccessDenied = context => ApiAwareChallenge(context, StatusCodes.Status403Forbidden);
    });
builder.Services.AddAuthorization(options =>
{
    if (authOptions.RequireLoginForReadPages)
    {
        options.FallbackPolicy = options.DefaultPolicy;
    }
});
builder.Services.AddCascadingAuthenticationState();

builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
// Binding failures (days=abc, 1e400 in a body) throw, so the handler answers 400 ProblemDetails naming the field.
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(options =>
{
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    // A misspelt field ("fea" for "fee") is refused with its name, never silently dropped (the value would be stored as missing).
    options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
});
builder.Services.AddSignalR().AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddMudServices();
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();

var app = builder.Build();

// Created now so a first-run admin password file is written (and its path logged) at start-up.
app.Services.GetRequiredService<CredentialStore>();

app.UseForwardedHeaders();
app.UseSecurityHeaders();

// API and hub callers get ProblemDetails JSON for every error, in every environment: no exception text, no HTML.
app.UseWhen(
    context => IsApiOrHub(context.Request.Path),
    branch =>
    {
        branch.UseExceptionHandler();
        branch.UseStatusCodePages();
    });

// Pages get the error page (the developer page only when the Development environment is asked for) and the not-found page.
app.UseWhen(
    context => !IsApiOrHub(context.Request.Path),
    branch =>
    {
        if (!app.Environment.IsDevelopment())
        {
            branch.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
    });

// Routing after the status-code pages, so a re-executed /not-found is routed to its page (else an empty 404).
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapAccountEndpoints();
app.MapKalshiArbApi();
app.MapHub<EdgeHub>(EdgeHub.Path);
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();
return 0;

// API and hub callers get a status code; only page navigations are redirected to the login page.
static Task ApiAwareChallenge(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
{
    if (IsApiOrHub(context.Request.Path))
    {
        context.Response.StatusCode = status;
    }
    else
    {
        context.Response.Redirect(context.RedirectUri);
    }

    return Task.CompletedTask;
}

static bool IsApiOrHub(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs");

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
