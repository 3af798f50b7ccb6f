using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// The parser's verdict on one message. <paramref name="Sid"/> and <paramref name="Seq"/> are filled whenever the
/// envelope carried them, even for a malformed payload, so the client can still keep order-book sequence.
/// <paramref name="Detail"/> holds the error text or the reason a message was rejected.
/// </summary>
internal sealed record KalshiParsedMessage(
    KalshiMessageKind Kind,
    string? Type,
    long? CommandId,
    long? Sid,
    long? Seq,
    string? Channel,
    int? ErrorCode,
    string? Detail,
    IReadOnlyList<MarketEvent> Events)
{
    public bool IsOrderBook => Type is KalshiMessageParser.OrderBookSnapshotType or KalshiMessageParser.OrderBookDeltaType;
}
