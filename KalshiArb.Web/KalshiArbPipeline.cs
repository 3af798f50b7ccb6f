using KalshiArb.Web.Api;
using KalshiArb.Web.Auth;
using KalshiArb.Web.Components;
using KalshiArb.Web.Hosting;

namespace KalshiArb.Web;

/// <summary>The request pipeline and the endpoints, in the order they must run; Program.cs and the test hosts share it.</summary>
public static class KalshiArbPipeline
{
    public static WebApplication UseKalshiArb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Created now so a first-run admin password file is written (and its path logged) at start-up.
        app.Services.GetRequiredService<CredentialStore>();

        app.UseForwardedHeaders();
        app.UseSecurityHeaders();

        // API callers get ProblemDetails JSON for every error, in every environment: no exception text, no HTML.
        app.UseWhen(context => ApiPaths.IsApi(context.Request.Path), branch =>
        {
            branch.UseExceptionHandler();
            branch.UseStatusCodePages();
        });

        // Pages get the error page (the developer page only when the Development environment is asked for) and the not-found page.
        app.UseWhen(context => !ApiPaths.IsApi(context.Request.Path), branch =>
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
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
