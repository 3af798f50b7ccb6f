
namespace KalshiArb.Ingestion.Model;

/// <summary>
/// One outcome of one sportsbook market (h2h, spreads, totals) at one book. <paramref name="ImpliedProb"/> is
/// 1/decimal odds (with vig); <paramref name="FairProb"/> is the devigged probability computed over all
/// outcomes of that book's market by <paramref name="DevigMethod"/>. <c>ExchangeTs</c> is the book's last_update.
/// </summary>
public sealed record SportsbookQuote(
    string EventId,
    string SportKey,
    string Book,
    string MarketType,
    string Outcome,
    decimal? Point,
    int American,
    decimal DecimalOdds,
    decimal ImpliedProb,
    decimal FairProb,
    DevigMethod DevigMethod,
    DateTime ExchangeTs,
    DateTime ReceivedAt) : MarketEvent(ExchangeTs, ReceivedAt)
{
    public override void DispatchTo(IMarketEventHandler handler) => handler.OnSportsbookQuote(this);

    public override TResult Accept<TResult>(IMarketEventVisitor<TResult> visitor) => visitor.VisitSportsbookQuote(this);
}
