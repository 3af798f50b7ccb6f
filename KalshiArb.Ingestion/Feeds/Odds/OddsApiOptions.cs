using System.ComponentModel.DataAnnotations;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Ingestion.Feeds.Odds;

/// <summary>Configuration section "Odds": The Odds API v4 poller. The key is never printed by <see cref="ToString"/>.</summary>
internal sealed class OddsApiOptions : IValidatableObject
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

    /// <summary>
    /// Usage credits the poller may spend in a month. Each odds request costs markets × regions credits (nothing when
    /// it returns no events); rounds of polling are spaced so that the measured cost of a round, repeated over a
    /// 30-day month, stays within this budget, and never closer than <see cref="PollInterval"/>. The default is the
    /// smallest paid plan's quota: at the defaults above (4 sports × 3 markets × 1 region = 12 credits a round) a
    /// 30 s interval would spend about 1,037,000 credits a month.
    /// </summary>
    public int MonthlyCreditBudget { get; set; } = 20_000;

    /// <summary>How long to wait before asking again after The Odds API reports the usage credits spent (they come back when the quota resets).</summary>
    public TimeSpan OutOfCreditsRetry { get; set; } = TimeSpan.FromMinutes(30);

    public bool HasKey => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>Credits one request for one sport costs by the documented formula (markets × regions).</summary>
    public int CreditsPerRequest =>
        Markets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length
        * Regions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length;

    public override string ToString() =>
        $"Odds {{ BaseUrl = {BaseUrl}, Key = {(HasKey ? "configured" : "missing")}, Sports = {string.Join(',', Sports)}, " +
        $"Regions = {Regions}, Markets = {Markets}, Bookmakers = {(Bookmakers.Count == 0 ? "all" : string.Join(',', Bookmakers))}, " +
        $"PollInterval = {PollInterval}, MonthlyCreditBudget = {MonthlyCreditBudget}, Devig = {DevigMethod} }}";

    /// <summary>Checked at start-up: a bad setting stops the app with its name instead of failing on the first poll.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out Uri? baseUri) || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult($"Odds:BaseUrl must be an absolute http(s) URL, not '{BaseUrl}'", [nameof(BaseUrl)]);
        }

        if (MonthlyCreditBudget <= 0)
        {
            yield return new ValidationResult("Odds:MonthlyCreditBudget must be a positive number of credits", [nameof(MonthlyCreditBudget)]);
        }

        if (CreditsPerRequest <= 0)
        {
            yield return new ValidationResult("Odds:Markets and Odds:Regions must each name at least one value", [nameof(Markets), nameof(Regions)]);
        }

        if (PollInterval <= TimeSpan.Zero || RetryMin <= TimeSpan.Zero || RetryMax < RetryMin || OutOfCreditsRetry <= TimeSpan.Zero)
        {
            yield return new ValidationResult(
                "Odds:PollInterval, Odds:RetryMin and Odds:OutOfCreditsRetry must be positive, and Odds:RetryMax at least Odds:RetryMin",
                [nameof(PollInterval), nameof(RetryMin), nameof(RetryMax), nameof(OutOfCreditsRetry)]);
        }
    }
}
