using System.Buffers;
using System.Text.Json;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>The JSON commands the client sends, written without reflection. Pure.</summary>
internal static class KalshiCommands
{
    public const string GetSnapshotAction = "get_snapshot";
    public const string AddMarketsAction = "add_markets";

    /// <summary>
    /// <c>{"id":n,"cmd":"subscribe","params":{"channels":[..],"market_tickers":[..]}}</c>; no tickers means the
    /// channel's whole feed. <paramref name="useYesPrice"/>, when given, is sent as <c>use_yes_price</c> (order-book
    /// channel only): Kalshi announced that its default flips, so the convention is always stated.
    /// </summary>
    public static byte[] Subscribe(long id, string channel, IReadOnlyCollection<string> marketTickers, bool? useYesPrice = null) =>
        Write(id, "subscribe", writer =>
        {
            writer.WriteStartArray("channels");
            writer.WriteStringValue(channel);
            writer.WriteEndArray();
            if (marketTickers.Count > 0)
            {
                WriteTickers(writer, marketTickers);
            }

            if (useYesPrice is { } yesPrice)
            {
                writer.WriteBoolean("use_yes_price", yesPrice);
            }
        });

    public static byte[] Unsubscribe(long id, IReadOnlyCollection<long> sids) =>
        Write(id, "unsubscribe", writer => WriteSids(writer, sids));

    /// <summary>
    /// <c>update_subscription</c> for exactly one sid: <see cref="GetSnapshotAction"/> after a sequence gap, naming
    /// the markets whose snapshots are wanted, or <see cref="AddMarketsAction"/> with the markets to add.
    /// </summary>
    public static byte[] UpdateSubscription(long id, long sid, string action, IReadOnlyCollection<string>? marketTickers = null) =>
        Write(id, "update_subscription", writer =>
        {
            WriteSids(writer, [sid]);
            if (marketTickers is { Count: > 0 })
            {
                WriteTickers(writer, marketTickers);
            }

            writer.WriteString("action", action);
        });

    private static void WriteTickers(Utf8JsonWriter writer, IReadOnlyCollection<string> marketTickers)
    {
        writer.WriteStartArray("market_tickers");
        foreach (string ticker in marketTickers)
        {
            writer.WriteStringValue(ticker);
        }

        writer.WriteEndArray();
    }

    private static void WriteSids(Utf8JsonWriter writer, IReadOnlyCollection<long> sids)
    {
        writer.WriteStartArray("sids");
        foreach (long sid in sids)
        {
            writer.WriteNumberValue(sid);
        }

        writer.WriteEndArray();
    }

    private static byte[] Write(long id, string command, Action<Utf8JsonWriter> writeParams)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            writer.WriteString("cmd", command);
            writer.WriteStartObject("params");
            writeParams(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
