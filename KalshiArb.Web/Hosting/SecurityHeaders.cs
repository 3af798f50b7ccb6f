using System.Security.Cryptography;

namespace KalshiArb.Web.Hosting;

/// <summary>
/// Headers on every answer: no MIME sniffing, no framing, no referrer to other sites, and a Content-Security-Policy that
/// allows only this origin's scripts (Blazor, MudBlazor, ApexCharts are all served from here), its own WebSocket for
/// the circuit and the hub, and inline styles (MudBlazor and ApexCharts set style attributes). The one inline script,
/// Blazor's import map of fingerprinted modules, carries a nonce drawn fresh for each response; no other inline
/// script runs.
/// </summary>
internal static class SecurityHeaders
{
    private const string NonceKey = "csp-nonce";

    /// <summary>The nonce of this response's policy, for the import map's script tag.</summary>
    public static string NonceOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[NonceKey] as string ?? "";
    }

    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        string nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        context.Response.OnStarting(() =>
        {
            IHeaderDictionary headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
            return Task.CompletedTask;
        });
        await next(context);
    });
}
