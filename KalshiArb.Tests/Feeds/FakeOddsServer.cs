using System.Collections.Concurrent;
using KalshiArb.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KalshiArb.Tests.Feeds;

/// <summary>
/// The Odds API on loopback: answers <c>/v4/sports/{sport}/odds</c> from a script of (status, body) responses,
/// then repeats the last one; records every request's query and arrival time.
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
        if (_script.TryDequeue(out (int Status, string Body) step))
        {
            _last = step;
        }

        context.Response.StatusCode = _last.Status;
        context.Response.Headers["x-requests-remaining"] = (Remaining ?? (500 - Requests.Count)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["x-requests-used"] = Requests.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["x-requests-last"] = "3";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(_last.Body);
    }
}
