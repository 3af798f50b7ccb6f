using System.ComponentModel.DataAnnotations;

namespace KalshiArb.Ingestion.Feeds.Simulator;

/// <summary>
/// The built-in market simulator (section "Simulator"). With <see cref="Enabled"/> "auto" it runs whenever no
/// Kalshi credentials are configured, so the product works with no account and no internet.
/// </summary>
internal sealed class SimulatorOptions : IValidatableObject
{
    public const string SectionName = "Simulator";

    public const int MinEventsPerSecond = 1;

    public const int MaxEventsPerSecond = 100_000;

    /// <summary>"auto" (on when no Kalshi credentials), "on" or "off".</summary>
    public string Enabled { get; set; } = "auto";

    /// <summary>Same seed, same sequence of events.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Every event counts: a tick, a trade, one book delta, one sportsbook outcome.</summary>
    public int EventsPerSecond { get; set; } = 200;

    /// <summary>
    /// Adds one spread and one total market per game, with the books' lines at and next to Kalshi's
    /// (<see cref="SimulatedLines"/>). Off unless configured; the dashboard's appsettings turn it on.
    /// </summary>
    public bool LineMarkets { get; set; }

    /// <summary>Games spread round-robin over NBA, NFL, MLB and NHL.</summary>
    public int Games { get; set; } = 12;

    public static readonly IReadOnlyList<string> DefaultBooks = ["draftkings", "fanduel", "betmgm", "caesars"];

    /// <summary>
    /// Sportsbooks quoting every game; empty means <see cref="DefaultBooks"/>. (Empty by default because the
    /// configuration binder appends configured items to a pre-filled list instead of replacing it.)
    /// </summary>
    public IList<string> Books { get; set; } = [];

    public IReadOnlyList<string> EffectiveBooks => Books.Count > 0 ? [.. Books] : DefaultBooks;

    /// <summary>How far the first book's line trails the latent probability; later books trail a little more.</summary>
    public double BookLagSeconds { get; set; } = 2;

    /// <summary>Sportsbook margin: implied probabilities of both outcomes sum to 1 + this.</summary>
    public double Vig { get; set; } = 0.045;

    /// <summary>Mean time between deliberate mispricings (a cheap Kalshi ask or a stale book line), in seconds.</summary>
    public double DislocationEverySeconds { get; set; } = 30;

    /// <summary>
    /// Mean edge of a mispricing in percent (exponentially distributed: with 2, about 60% exceed the usual 1%
    /// threshold, half of what a mispricing yields is under 1.4%, and about 0.7% exceed 10%).
    /// </summary>
    public double DislocationMeanEdgePct { get; set; } = 2;

    /// <summary>Median lifetime of a mispricing in seconds (log-normal: about 90% last between a fifth and five times this).</summary>
    public double DislocationMedianSeconds { get; set; } = 20;

    /// <summary>
    /// Whether the simulator should run: "on" always, "off" never, "auto" only when no real Kalshi feed is configured.
    /// </summary>
    public bool ShouldRun(bool kalshiCredentialsConfigured) => Enabled.Trim().ToLowerInvariant() switch
    {
        "on" or "true" => true,
        "off" or "false" => false,
        "auto" or "" => !kalshiCredentialsConfigured,
        _ => throw new InvalidOperationException($"Simulator:Enabled must be auto, on or off, not '{Enabled}'."),
    };

    /// <summary>Throws with a message naming the setting when a value is out of range.</summary>
    public void Validate()
    {
        _ = ShouldRun(false);
        if (EventsPerSecond is < MinEventsPerSecond or > MaxEventsPerSecond)
        {
            throw new InvalidOperationException($"Simulator:EventsPerSecond must be between {MinEventsPerSecond} and {MaxEventsPerSecond}, not {EventsPerSecond}.");
        }

        if (Games < 1 || Games > SimulatedLeague.MaxGames)
        {
            throw new InvalidOperationException($"Simulator:Games must be between 1 and {SimulatedLeague.MaxGames}, not {Games}.");
        }

        if (Books.Any(string.IsNullOrWhiteSpace) || Books.Distinct(StringComparer.Ordinal).Count() != Books.Count)
        {
            throw new InvalidOperationException("Simulator:Books must name each book once, with no empty names.");
        }

        if (BookLagSeconds is < 0 or > 600)
        {
            throw new InvalidOperationException($"Simulator:BookLagSeconds must be between 0 and 600, not {BookLagSeconds}.");
        }

        if (Vig is < 0 or > 0.25)
        {
            throw new InvalidOperationException($"Simulator:Vig must be between 0 and 0.25, not {Vig}.");
        }

        if (DislocationEverySeconds <= 0 || DislocationMedianSeconds <= 0)
        {
            throw new InvalidOperationException("Simulator:DislocationEverySeconds and DislocationMedianSeconds must be positive.");
        }

        if (DislocationMeanEdgePct is <= 0 or > 20)
        {
            throw new InvalidOperationException($"Simulator:DislocationMeanEdgePct must be above 0 and at most 20, not {DislocationMeanEdgePct}.");
        }
    }

    /// <summary>The same checks as <see cref="Validate()"/>, run at start-up so a bad setting stops the app with its name.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        string? problem = null;
        try
        {
            Validate();
        }
        catch (InvalidOperationException ex)
        {
            problem = ex.Message;
        }

        return problem is null ? [] : [new ValidationResult(problem)];
    }
}
