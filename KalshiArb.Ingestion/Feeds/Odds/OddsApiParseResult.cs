using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Feeds.Odds;

/// <summary>
/// One odds response, parsed. <paramref name="Errors"/> lists what was skipped and why (each one is counted);
/// <paramref name="BodyError"/> is set when the body as a whole was unusable.
/// </summary>
internal sealed record OddsApiParseResult(
    IReadOnlyList<SportsEvent> Events,
    IReadOnlyList<SportsbookQuote> Quotes,
    IReadOnlyList<string> Errors,
    string? BodyError = null);
