using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Tests.Pipeline;

/// <summary>The pipeline tests' games: game n is sportsbook event "evt-n" and its home market, mapped and confirmed.</summary>
internal static class GameScene
{
    public static readonly DateTime T0 = new(2026, 11, 29, 20, 0, 0, DateTimeKind.Utc);

    public static string Ticker(int game) => $"KXNBAGAME-G{game:D2}-HOM";

    public static SportsbookQuote Quote(int game, string book, string outcome, int american) => new(
        $"evt-{game}", "basketball_nba", book, "h2h", outcome, null, american, OddsMath.AmericanToDecimal(american),
        OddsMath.AmericanToImplied(american), 0.5m, DevigMethod.Multiplicative, T0, T0);

    /// <summary>One mapped home market for each of <paramref name="games"/> games.</summary>
    public static MappingRegistry Mappings(int games)
    {
        var mappings = new MappingRegistry();
        for (int game = 0; game < games; game++)
        {
            mappings.Upsert(new EventMapping(
                Ticker(game), $"evt-{game}", "basketball_nba", "h2h", "Home", false, true, true, "none", "none", "void", "void", SettlementEquivalence.Safe, true, null, T0));
        }

        return mappings;
    }
}
