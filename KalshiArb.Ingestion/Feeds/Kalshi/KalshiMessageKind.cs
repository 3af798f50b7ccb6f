namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>What one Kalshi WebSocket message turned out to be.</summary>
internal enum KalshiMessageKind
{
    /// <summary>Market data: ticker, trade, order book, lifecycle.</summary>
    Data,

    /// <summary>Acknowledgement of a subscribe command, carrying the new subscription id.</summary>
    Subscribed,

    /// <summary>Acknowledgement of another command (ok, unsubscribed), or a known type this feed does not use.</summary>
    Acknowledged,

    /// <summary>The server rejected a command or reports a channel problem.</summary>
    Error,

    /// <summary>Valid JSON with a type this feed does not know.</summary>
    Unknown,

    /// <summary>Unparsable JSON, a missing field or a value out of range.</summary>
    Malformed,
}
