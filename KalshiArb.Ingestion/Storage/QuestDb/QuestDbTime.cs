namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>QuestDB hands back timestamps without a zone; they are UTC. Also applied to parameters, so a Local time is never sent as if it were UTC.</summary>
internal static class QuestDbTime
{
    public static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
