using KalshiArb.Ingestion.Model;

namespace KalshiArb.Web.Api;

/// <summary>
/// One market of <c>GET /api/markets</c>: its catalog entry, its top of book (null before the first quote) and its
/// mapping (null while unmapped). The two parts below exist only inside this answer.
/// </summary>
internal sealed record MarketSummary(
    string Ticker,
    string Title,
    string Status,
    string? PriceLevelStructure,
    IReadOnlyList<PriceRange>? PriceRanges,
    DateTime? CloseTime,
    MarketSummary.TopOfBook? Quote,
    MarketSummary.MappingSummary? Mapping)
{
    internal sealed record TopOfBook(decimal? YesBid, decimal? YesAsk, DateTime ExchangeTs, DateTime ReceivedAt);

    internal sealed record MappingSummary(string EventId, string Outcome, bool Inverted, SettlementEquivalence Equivalence, bool Confirmed);
}
