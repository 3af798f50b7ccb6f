using KalshiArb.Ingestion.Model;

namespace KalshiArb.Web.Services;

/// <summary>The game a person reads instead of a sportsbook's event id: "Kansas City Chiefs at Buffalo Bills · Sat 5 Dec 18:00".</summary>
internal static class GameLabel
{
    public static SportsEvent? Find(IMarketReader market, string? eventId) =>
        eventId is null ? null : market.SportsEvents.FirstOrDefault(e => string.Equals(e.EventId, eventId, StringComparison.Ordinal));

    public static string Of(SportsEvent game, ViewerClock clock) => $"{game.AwayTeam} at {game.HomeTeam} · {clock.Game(game.CommenceTime)}";

    /// <summary>The game's label, or a plain statement when the catalog does not know the event (its id stays in detail views).</summary>
    public static string Of(IMarketReader market, string? eventId, ViewerClock clock) =>
        Find(market, eventId) is { } game ? Of(game, clock) : "game not in the catalog";
}
