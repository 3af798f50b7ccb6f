using KalshiArb.Ingestion.Pipeline;

namespace KalshiArb.Bench;

/// <summary>
/// The consumer settings figure 5 runs under: the application's defaults (one consumer per core, spin then sleep), and
/// the low-latency profile (one consumer busy-spinning on a core of its own, the other core left to everything else).
/// </summary>
internal sealed record PipelineProfile(string Name, IReadOnlyDictionary<string, string?> Settings)
{
    public static PipelineProfile Default { get; } = new("default", new Dictionary<string, string?>());

    public static PipelineProfile LowLatency { get; } = new("low-latency", new Dictionary<string, string?>
    {
        ["Pipeline:Consumers"] = "1",
        ["Pipeline:ConsumerWait"] = nameof(ConsumerWait.BusySpin),
        ["Pipeline:PinConsumers"] = "true",
    });

    /// <summary>The profile as the running pipeline reports it, e.g. "low-latency: 1 consumer, BusySpin, 1 pinned".</summary>
    public static string Describe(string name, PipelineMetrics metrics) =>
        Format.Inv($"{name}: {metrics.Channel.Shards} consumer{(metrics.Channel.Shards == 1 ? "" : "s")}, {metrics.ConsumerWait}, {metrics.PinnedConsumers} pinned");
}
