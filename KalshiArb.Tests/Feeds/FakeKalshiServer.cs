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
/// A Kalshi WebSocket server on loopback speaking the documented formats (AsyncAPI spec, see docs/venues.md):
/// verifies the KALSHI-ACCESS-* headers with the public key, acknowledges subscribe commands with fresh sids,
/// records every command, and lets a test push messages or drop the connection. It also keeps order books of its
/// own (<see cref="SetBook"/>, <see cref="SendDeltaAsync"/>) and sends them as the spec shows: <c>*_dollars_fp</c>
/// levels with fixed-point dollar prices (up to 6 decimals) and fractional sizes, NO levels on the NO leg or, when
/// the subscription asked for <c>use_yes_price</c> (or the server's default says so), on the YES leg; every message
/// of an order-book subscription takes the next seq; <c>get_snapshot</c> answers with snapshots of the markets it
/// names and with error 14 when it names none.
/// </summary>
internal sealed partial class FakeKalshiServer : IAsyncDisposable
{
    public const string Path = "/trade-api/ws/v2";
    public const string RestPath = "/trade-api/v2";

    private readonly WebApplication _app;
    private readonly RSA _publicKey;
    private readonly string _keyId;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Dictionary<string, (SortedDictionary<decimal, decimal> Yes, SortedDictionary<decimal, decimal> No)> _books = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, long> _seqBySid = new();
    private readonly ConcurrentDictionary<long, bool> _yesPriceBySid = new();
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

    /// <summary>Results served by <c>GET /markets/{ticker}</c> ("yes", "no", "void"), by ticker.</summary>
    public ConcurrentDictionary<string, string> MarketResults { get; } = new(StringComparer.Ordinal);

    public int VerifiedHandshakes;

    /// <summary>sid of the latest subscription per channel.</summary>
    public ConcurrentDictionary<string, long> SidByChannel { get; } = new();

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>What <c>use_yes_price</c> means when a subscription omits it: false today, true once Kalshi flips it.</summary>
    public bool DefaultUseYesPrice { get; set; }

    /// <summary>A misbehaving server: NO levels always on the YES leg, whatever the subscription asked for.</summary>
    public bool AlwaysYesPrice { get; set; }

    /// <summary>Series fee changes served by <c>GET /series/fee_changes</c>, as JSON objects of <c>series_fee_change_arr</c>.</summary>
    public ConcurrentQueue<string> FeeChanges { get; } = new();

    /// <summary>Sets the server's book of a market; NO bids are given on the NO leg.</summary>
    public void SetBook(string ticker, (decimal Price, decimal Size)[] yesBids, (decimal Price, decimal Size)[] noBids)
    {
        lock (_books)
        {
            _books[ticker] = (new SortedDictionary<decimal, decimal>(yesBids.ToDictionary(l => l.Price, l => l.Size)),
                              new SortedDictionary<decimal, decimal>(noBids.ToDictionary(l => l.Price, l => l.Size)));
        }
    }

    /// <summary>The server's book of a market (NO bids on the NO leg), level by level.</summary>
    public (Dictionary<decimal, decimal> Yes, Dictionary<decimal, decimal> No) Book(string ticker)
    {
        lock (_books)
        {
            (SortedDictionary<decimal, decimal> yes, SortedDictionary<decimal, decimal> no) = _books[ticker];
            return (new Dictionary<decimal, decimal>(yes), new Dictionary<decimal, decimal>(no));
        }
    }

    /// <summary>Sends the market's book as an <c>orderbook_snapshot</c> on the order-book subscription.</summary>
    public Task SendSnapshotAsync(string ticker, long? commandId = null)
    {
        long sid = SidByChannel["orderbook_delta"];
        bool yesPrice = UsesYesPrice(sid);
        string yes, no;
        lock (_books)
        {
            (SortedDictionary<decimal, decimal> yesBids, SortedDictionary<decimal, decimal> noBids) = _books[ticker];
            yes = Levels(yesBids, onYesLeg: false);
            no = Levels(noBids, yesPrice);
        }

        string id = commandId is { } c ? $"\"id\":{c}," : "";
        return SendAsync($$$"""{{{{id}}}"type":"orderbook_snapshot","sid":{{{sid}}},"seq":{{{NextSeq(sid)}}},"msg":{"market_ticker":"{{{ticker}}}","market_id":"{{{MarketId(ticker)}}}","yes_dollars_fp":[{{{yes}}}],"no_dollars_fp":[{{{no}}}]}}""");
    }

    /// <summary>
    /// Changes one level of the server's book (price on its own leg) and sends the <c>orderbook_delta</c>, or, with
    /// <paramref name="lose"/>, only consumes its seq, as a message lost on the way would.
    /// </summary>
    public Task SendDeltaAsync(string ticker, string side, decimal price, decimal delta, bool lose = false)
    {
        long sid = SidByChannel["orderbook_delta"];
        lock (_books)
        {
            SortedDictionary<decimal, decimal> levels = side == "yes" ? _books[ticker].Yes : _books[ticker].No;
            decimal size = levels.GetValueOrDefault(price) + delta;
            if (size == 0m)
            {
                levels.Remove(price);
            }
            else
            {
                levels[price] = size;
            }
        }

        long seq = NextSeq(sid);
        if (lose)
        {
            return Task.CompletedTask;
        }

        decimal wirePrice = side == "no" && UsesYesPrice(sid) ? 1m - price : price;
        return SendAsync($$$"""{"type":"orderbook_delta","sid":{{{sid}}},"seq":{{{seq}}},"msg":{"market_ticker":"{{{ticker}}}","market_id":"{{{MarketId(ticker)}}}","price_dollars":"{{{Dollars(wirePrice)}}}","delta_fp":"{{{Contracts(delta)}}}","side":"{{{side}}}","ts":"2025-11-30T00:00:00Z","ts_ms":1764460800000}}""");
    }

    /// <summary>
    /// A message on the order-book subscription with the next seq, written by the test (e.g. in the retired
    /// integer-cent fields, which the server's own book does not speak).
    /// </summary>
    public Task SendOnOrderBookAsync(string type, string msgJson)
    {
        long sid = SidByChannel["orderbook_delta"];
        return SendAsync($$$"""{"type":"{{{type}}}","sid":{{{sid}}},"seq":{{{NextSeq(sid)}}},"msg":{{{msgJson}}}}""");
    }

    /// <summary>A message on the lifecycle subscription (<c>market_lifecycle_v2</c>, <c>event_lifecycle</c>, <c>event_fee_update</c>).</summary>
    public Task SendLifecycleAsync(string type, string msgJson)
    {
        long sid = SidByChannel["market_lifecycle_v2"];
        return SendAsync($$$"""{"type":"{{{type}}}","sid":{{{sid}}},"seq":{{{NextSeq(sid)}}},"msg":{{{msgJson}}}}""");
    }

    /// <summary>An error as the spec shows it: the code and the text of its table.</summary>
    public Task SendErrorAsync(int code, string text, long? commandId = null) =>
        SendAsync($$$"""{{{(commandId is { } c ? $"{{\"id\":{c}," : "{")}}}"type":"error","msg":{"code":{{{code}}},"msg":"{{{text}}}"}}""");

    /// <summary>Fixed-point dollars as Kalshi writes them: at least 4 decimals, at most 6.</summary>
    public static string Dollars(decimal price) => price.ToString("0.0000##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Fixed-point contracts: at least 2 decimals (fractional counts keep theirs).</summary>
    public static string Contracts(decimal count) => count.ToString("0.00####", System.Globalization.CultureInfo.InvariantCulture);

    private static string Levels(SortedDictionary<decimal, decimal> levels, bool onYesLeg) =>
        string.Join(',', levels.Select(l => $"[\"{Dollars(onYesLeg ? 1m - l.Key : l.Key)}\",\"{Contracts(l.Value)}\"]"));

    private static string MarketId(string ticker) => new Guid(MD5.HashData(Encoding.UTF8.GetBytes(ticker))).ToString();

    private bool UsesYesPrice(long sid) => AlwaysYesPrice || _yesPriceBySid.GetValueOrDefault(sid, DefaultUseYesPrice);

    private long NextSeq(long sid) => _seqBySid.AddOrUpdate(sid, 1, (_, last) => last + 1);

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

        server.MapDiscovery(app);
        app.MapGet(RestPath + "/series/fee_changes", () =>
            Results.Text($$$"""{"series_fee_change_arr":[{{{string.Join(',', server.FeeChanges)}}}]}""", "application/json"));

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
}
