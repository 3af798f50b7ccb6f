using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Ingestion.Feeds.Odds;

/// <summary>Configuration section "Odds": The Odds API v4 poller. The key is never printed by <see cref="ToString"/>.</summary>
public sealed class OddsApiOptions
{
    public const string SectionName = "Odds";

    public string BaseUrl { get; set; } = "https://api.the-odds-api.com";

    public string? ApiKey { get; set; }

    public List<string> Sports { get; set; } = ["basketball_nba", "americanfootball_nfl", "baseball_mlb", "icehockey_nhl"];

    public string Regions { get; set; } = "us";

    public string Markets { get; set; } = "h2h,spreads,totals";

    /// <summary>Bookmaker keys to ask for; empty asks for every book of the regions.</summary>
    public List<string> Bookmakers { get; set; } = [];

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    public DevigMethod DevigMethod { get; set; } = DevigMethod.Multiplicative;

    /// <summary>First delay after a 429, a 5xx or a network failure; doubles (with jitter) up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryMin { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryMax { get; set; } = TimeSpan.FromMinutes(5);

    public bool HasKey => !string.IsNullOrWhiteSpace(ApiKey);

    public override string ToString() =>
        $"Odds {{ BaseUrl = {BaseUrl}, Key = {(HasKey ? "configured" : "missing")}, Sports = {string.Join(',', Sports)}, " +
        $"Regions = {Regions}, Markets = {Markets}, Bookmakers = {(Bookmakers.Count == 0 ? "all" : string.Join(',', Bookmakers))}, " +
        $"PollInterval = {PollInterval}, Devig = {DevigMethod} }}";
}
