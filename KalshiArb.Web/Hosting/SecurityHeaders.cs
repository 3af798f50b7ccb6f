namespace KalshiArb.Web.Hosting;

/// <summary>
/// Headers on every answer: no MIME sniffing, no framing, no referrer to other sites, and a Content-Security-Policy that
/// allows only this origin's scripts (Blazor, MudBlazor, ApexCharts are all served from here), its own WebSocket for
/// the circuit and the hub, and inline styles (MudBlazor and ApexCharts set style attributes; no inline script is allowed).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            IHeaderDictionary headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return Task.CompletedTask;
        });
        await next(context);
    });
}
