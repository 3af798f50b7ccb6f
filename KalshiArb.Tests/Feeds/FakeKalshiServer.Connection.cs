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

/// <summary>The connection side of the fake exchange: the signed handshake and the commands a client sends.</summary>
internal sealed partial class FakeKalshiServer
{
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
                JsonElement parameters = root.GetProperty("params");
                switch (root.GetProperty("cmd").GetString())
                {
                    case "subscribe":
                        foreach (JsonElement channel in parameters.GetProperty("channels").EnumerateArray())
                        {
                            long sid = Interlocked.Increment(ref _nextSid);
                            if (parameters.TryGetProperty("use_yes_price", out JsonElement yesPrice))
                            {
                                _yesPriceBySid[sid] = yesPrice.GetBoolean();
                            }

                            SidByChannel[channel.GetString()!] = sid;
                            await SendAsync($$$"""{"id":{{{root.GetProperty("id").GetInt64()}}},"type":"subscribed","msg":{"channel":"{{{channel.GetString()}}}","sid":{{{sid}}}}}""");
                        }

                        break;
                    case "update_subscription" when parameters.GetProperty("action").GetString() == "get_snapshot":
                        long commandId = root.GetProperty("id").GetInt64();
                        if (!parameters.TryGetProperty("market_tickers", out JsonElement named) || named.GetArrayLength() == 0)
                        {
                            await SendErrorAsync(14, "Market Ticker required", commandId);
                            break;
                        }

                        foreach (JsonElement ticker in named.EnumerateArray())
                        {
                            bool known;
                            lock (_books)
                            {
                                known = _books.ContainsKey(ticker.GetString()!);
                            }

                            if (known)
                            {
                                await SendSnapshotAsync(ticker.GetString()!, commandId);
                            }
                        }

                        break;
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
