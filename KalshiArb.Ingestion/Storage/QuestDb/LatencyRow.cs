namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>One stage of <see cref="QuestDbSql.LatencyPercentiles"/> (µs). Filled by Dapper (snake_case columns); the one conversion to the model is here.</summary>
internal sealed class LatencyRow
{
    public string Stage { get; set; } = "";

    public double? P50 { get; set; }

    public double? P90 { get; set; }

    public double? P99 { get; set; }

    public long Samples { get; set; }

    /// <summary>Percentiles come in µs and go out in ms.</summary>
    public StageLatency ToStageLatency() => new(Stage, (P50 ?? 0) / 1000, (P90 ?? 0) / 1000, (P99 ?? 0) / 1000, Samples);
}
