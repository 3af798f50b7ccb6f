using System.ComponentModel.DataAnnotations;

namespace KalshiArb.Ingestion.Feeds.Hosting;

/// <summary>The feed host (section "Feeds").</summary>
internal sealed class FeedHostOptions
{
    public const string SectionName = "Feeds";

    /// <summary>Pause before a feed that stopped with an error is started again.</summary>
    [Range(0, 3600, ErrorMessage = "Feeds:RestartDelaySeconds must be between 0 and 3600 seconds")]
    public double RestartDelaySeconds { get; set; } = 5;
}
