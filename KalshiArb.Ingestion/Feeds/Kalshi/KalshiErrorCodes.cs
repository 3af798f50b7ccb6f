namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// The WebSocket error codes of Kalshi's AsyncAPI spec (see docs/venues.md for the date checked), with what each
/// means for this feed. Codes 6, 16 and 17 are retired: Kalshi no longer sends them. Pure.
/// </summary>
internal static class KalshiErrorCodes
{
    /// <summary>Channel error and subscription buffer overflow: Kalshi ends the subscription and messages were lost.</summary>
    public static readonly IReadOnlySet<int> Terminal = new HashSet<int> { 10, 25 };

    /// <summary>A short meaning of the code, for the log and the Health page.</summary>
    public static string Describe(int code) => code switch
    {
        1 => "unable to process message",
        2 => "params required",
        3 => "channels required",
        4 => "subscription ids required",
        5 => "unknown command",
        6 or 16 or 17 => "retired code, not expected from Kalshi any more",
        7 => "unknown subscription id",
        8 => "unknown channel name",
        9 => "authentication required",
        10 => "channel error: the subscription ended and must be renewed; resubscribing",
        11 => "invalid parameter",
        12 => "exactly one subscription id is required",
        13 => "unsupported action",
        14 => "market ticker required",
        15 => "action required",
        18 => "command timeout on Kalshi's side",
        19 or 20 or 21 or 22 => "invalid sharding parameters",
        23 => "match ids required",
        24 => "index ids required",
        25 => "subscription buffer overflow: we read too slowly and messages were lost; resubscribing",
        26 => "subscription market limit exceeded: markets beyond the per-subscription limit get no data",
        27 => "too many requests: the subscription exceeded its command rate limit",
        28 => "underlying tickers required",
        _ => "code not in Kalshi's published table",
    };
}
