using System.ComponentModel.DataAnnotations;

namespace KalshiArb.Web.Live;

/// <summary>The <c>Live</c> configuration section: how often coalesced updates reach browsers.</summary>
internal sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>At most one batch per interval: 100 ms gives a browser about 10 batches a second, whatever the tick rate.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A feed silent for longer than this shows as stale in the app bar.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(5);
}
