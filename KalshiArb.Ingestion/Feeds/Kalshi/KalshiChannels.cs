namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>The WebSocket channels the feed subscribes: three of market data, filtered by market, and the lifecycle channel.</summary>
internal static class KalshiChannels
{
    public const string Ticker = "ticker";
    public const string Trade = "trade";
    public const string OrderBook = "orderbook_delta";

    /// <summary>Takes no market filter: it carries every market's lifecycle, and event fee overrides.</summary>
    public const string Lifecycle = "market_lifecycle_v2";

    public static readonly IReadOnlyList<string> MarketData = [Ticker, Trade, OrderBook];
}
