using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>Matches Kalshi markets to sportsbook events by team names (with league alias tables) and dates.</summary>
public static class MappingSuggester
{
    public static IReadOnlyList<MappingSuggestion> Suggest(IEnumerable<KalshiMarketInfo> markets, IEnumerable<SportsEvent> events, IReadOnlyCollection<string> alreadyMapped) => throw new NotImplementedException();
}
