using KalshiArb.Ingestion.Storage;

namespace KalshiArb.Web.Services;

/// <summary>
/// Everything one market chart shows: YES bid/ask bars, the devigged sportsbook probability of the mapped
/// outcome expressed as P(YES) (inverted mappings flipped), and the opportunities detected in the window.
/// </summary>
public sealed record MarketSeries(
    string Ticker,
    string Window,
    TimeSpan Bucket,
    DateTime From,
    DateTime To,
    IReadOnlyList<QuoteBar> Bars,
    IReadOnlyList<FairProbPoint> FairYes,
    IReadOnlyList<OpportunityMarker> Markers);
