using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KalshiArb.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace KalshiArb.Tests.Feeds;

/// <summary>
/// A Kalshi WebSocket server on loopback speaking the documented formats: verifies the KALSHI-ACCESS-* headers
/// with the public key, acknowledges subscribe commands with fresh sids, records every command, and lets a
/// test push messages or drop the connection.
/// </summary>
internal sealed class FakeKalshiServer : IAsyncDisposable
{
    public const string Path = "/trade-api/ws/v2";
    public const string RestPath = "/trade-api/v2";

    private readonly WebApplication _app;
    private readonly RSA _publicKey;
    private readonly string _keyId;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private WebSocket? _current;
    private int _connections;
    private long _nextSid;

    private FakeKalshiServer(WebApplication app, RSA publicKey, string keyId, int port)
    {
        _app = app;
        _publicKey = publicKey;
        _keyId = keyId;
        Url = $"ws://127.0.0.1:{port}{Path}";
        RestUrl = $"http://127.0.0.1:{port}{RestPath}";
    }

    public string Url { get; }

    public string RestUrl { get; }

    /// <summary>Commands received: connection number (1-based) and the command's JSON.</summary>
    public ConcurrentQueue<(int Connection, JsonElement Command)> Commands { get; } = new();

    public ConcurrentQueue<string> AuthFailures { get; } = new();

    /// <summary>REST discovery calls per series.</summary>
    public ConcurrentDictionary<string, int> DiscoveryCalls { get; } = new();

    /// <summary>Results served by <c>GET /markets/{ticker}</c> ("yes", "no", "void"), by ticker.</summary>
    public ConcurrentDictionary<string, string> MarketResults { get; } = new(StringComparer.Ordinal);

    public int VerifiedHandshakes;

    /// <summary>sid of the latest subscription per channel.</summary>
    public ConcurrentDictionary<string, long> SidByChannel { get; } = new();

    public int Connections => Volatile.Read(ref _connections);

    public static async Task<FakeKalshiServer> StartAsync(RSA publicKey, string keyId)
    {
        int port = FreePort.Next();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        WebApplication app = builder.Build();
        var server = new FakeKalshiServer(app, publicKey, keyId, port);
        app.UseWebSockets();
        app.Map(Path, server.HandleAsync);

        // Discovery: one open market per series at first; from the second call on, a new game has opened too.
        app.MapGet(RestPath + "/markets", (HttpContext context) =>
        {
            string series = context.Request.Query["series_ticker"].ToString();
            int call = server.DiscoveryCalls.AddOrUpdate(series, 1, (_, n) => n + 1);
            string first = $$$"""{"ticker":"{{{series}}}-26NOV30AB-A","event_ticker":"{{{series}}}-26NOV30AB","title":"A at B Winner?","yes_sub_title":"A","status":"active","close_time":"2025-12-14T03:00:00Z"}""";
            string later = $$$"""{"ticker":"{{{series}}}-26DEC01CD-C","event_ticker":"{{{series}}}-26DEC01CD","title":"C at D Winner?","yes_sub_title":"C","status":"active","close_time":"2025-12-15T03:00:00Z"}""";
            return Results.Text(
                $$$"""{"markets":[{{{first}}}{{{(call > 1 ? "," + later : "")}}}],"cursor":""}""",
                "application/json");
        });
        // One market in any status; unknown tickers get Kalshi's 404.
        app.MapGet(RestPath + "/markets/{ticker}", (string ticker) => server.MarketResults.TryGetValue(ticker, out string? result)
            ? Results.Text($$$"""{"market":{"ticker":"{{{ticker}}}","event_ticker":"{{{ticker[..ticker.LastIndexOf('-')]}}}","title":"A at B Winner?","status":"finalized","result":"{{{result}}}"}}""", "application/json")
            : Results.NotFound());
        await app.StartAsync();
        return server;
    }

    public async Task SendAsync(string json)
    {
        WebSocket socket = _current ?? throw new InvalidOperationException("no client connected");
        await _sendLock.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Drops the current connection without a close handshake, as a network failure would.</summary>
    public void Drop() => _current?.Abort();

    public IEnumerable<JsonElement> CommandsOf(int connection, string cmd) =>
        Commands.Where(c => c.Connection == connection && c.Command.GetProperty("cmd").GetString() == cmd).Select(c => c.Command);

    public async ValueTask DisposeAsync()
    {
        _current?.Abort();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _sendLock.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        string? failure = VerifyHeaders(context.Request);
        if (failure is not null)
        {
            AuthFailures.Enqueue(failure);
            context.Response.StatusCode = 401;
            return;
        }

        Interlocked.Increment(ref VerifiedHandshakes);
        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
        int connection = Interlocked.Increment(ref _connections);
        _current = socket;
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                using JsonDocument command = JsonDocument.Parse(buffer.AsMemory(0, result.Count));
                JsonElement root = command.RootElement.Clone();
                Commands.Enqueue((connection, root));
                if (root.GetProperty("cmd").GetString() == "subscribe")
                {
                    foreach (JsonElement channel in root.GetProperty("params").GetProperty("channels").EnumerateArray())
                    {
                        long sid = Interlocked.Increment(ref _nextSid);
                        SidByChannel[channel.GetString()!] = sid;
                        await SendAsync($$$"""{"id":{{{root.GetProperty("id").GetInt64()}}},"type":"subscribed","msg":{"channel":"{{{channel.GetString()}}}","sid":{{{sid}}}}}""");
                    }
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away or the test dropped the connection.
        }
    }

    private string? VerifyHeaders(HttpRequest request)
    {
        string key = request.Headers["KALSHI-ACCESS-KEY"].ToString();
        string timestamp = request.Headers["KALSHI-ACCESS-TIMESTAMP"].ToString();
        string signature = request.Headers["KALSHI-ACCESS-SIGNATURE"].ToString();
        if (key != _keyId)
        {
            return $"wrong key id '{key}'";
        }

        if (!long.TryParse(timestamp, out long ms) || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - ms) > 60_000)
        {
            return $"bad timestamp '{timestamp}'";
        }

        byte[] message = Encoding.UTF8.GetBytes(timestamp + "GET" + Path);
        byte[] signatureBytes;
        try
        {
            signatureBytes = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return "signature is not base64";
        }

        return _publicKey.VerifyData(message, signatureBytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pss)
            ? null
            : "signature does not verify";
    }
}
