using System.Collections.Concurrent;
using KalshiArb.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KalshiArb.Tests.Feeds;

/// <summary>
/// The Odds API on loopback: answers <c>/v4/sports/{sport}/odds</c> from a script of (status, body) responses,
/// then repeats the last one; records every request's query, <c>Accept-Encoding</c> and arrival time. As the v4
/// docs describe: every response carries (unless <see cref="SendsQuotaHeaders"/> is off) <c>x-requests-remaining</c>, <c>x-requests-used</c> and
/// <c>x-requests-last</c>; errors are <c>{"message", "error_code"}</c> bodies; a client that accepts gzip gets
/// the JSON gzipped.
/// </summary>
internal sealed class FakeOddsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string Body)> _script = new();
    private (int Status, string Body) _last = (200, "[]");

    private FakeOddsServer(WebApplication app, int port)
    {
        _app = app;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string BaseUrl { get; }

    /// <summary>The x-requests-remaining to report; null counts down from 500.</summary>
    public int? Remaining { get; set; }

    public ConcurrentQueue<(string Path, IQueryCollection Query, DateTime At)> Requests { get; } = new();

    /// <summary>The x-requests-last to report: what one request cost (markets × regions; the docs' formula).</summary>
    public int Last { get; set; } = 3;

    /// <summary>False: answers carry none of the quota headers (a proxy that strips them, say).</summary>
    public bool SendsQuotaHeaders { get; set; } = true;

    /// <summary>The Accept-Encoding header of every request, in order.</summary>
    public ConcurrentQueue<string> AcceptEncodings { get; } = new();

    /// <summary>An error body as the v4 docs show them.</summary>
    public static string Error(string code, string message) => $$$"""{"message":"{{{message}}}","error_code":"{{{code}}}","details_url":"https://the-odds-api.com/liveapi/guides/v4/api-error-codes.html#{{{code.ToLowerInvariant()}}}"}""";

    public static async Task<FakeOddsServer> StartAsync(params (int Status, string Body)[] script)
    {
        int port = FreePort.Next();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        WebApplication app = builder.Build();
        var server = new FakeOddsServer(app, port);
        foreach ((int Status, string Body) step in script)
        {
            server._script.Enqueue(step);
        }

        app.MapGet("/v4/sports/{sport}/odds", server.Answer);
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task Answer(HttpContext context)
    {
        Requests.Enqueue((context.Request.Path, context.Request.Query, DateTime.UtcNow));
        string acceptEncoding = context.Request.Headers.AcceptEncoding.ToString();
        AcceptEncodings.Enqueue(acceptEncoding);
        if (_script.TryDequeue(out (int Status, string Body) step))
        {
            _last = step;
        }

        context.Response.StatusCode = _last.Status;
        if (SendsQuotaHeaders)
        {
            context.Response.Headers["x-requests-remaining"] = (Remaining ?? (500 - Requests.Count)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["x-requests-used"] = Requests.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["x-requests-last"] = Last.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        if (!acceptEncoding.Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            await context.Response.WriteAsync(_last.Body);
            return;
        }

        context.Response.Headers.ContentEncoding = "gzip";
        await using var gzip = new System.IO.Compression.GZipStream(context.Response.Body, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true);
        await gzip.WriteAsync(System.Text.Encoding.UTF8.GetBytes(_last.Body));
    }
}
