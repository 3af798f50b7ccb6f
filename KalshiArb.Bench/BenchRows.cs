using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage.QuestDb;

namespace KalshiArb.Bench;

/// <summary>The row every ILP figure writes: a full Kalshi tick (the most frequent row in production), all columns set.</summary>
internal static class BenchRows
{
    public static QuestDbTables Tables { get; } = new(new QuestDbSql(""));

    public static KalshiTick Tick(int index, DateTime exchangeTs) => new(
        $"KXNBAGAME-26NOV30LALBOS-{(index % 2 == 0 ? "BOS" : "LAL")}{index % 5000:D4}",
        0.45m, 0.47m, 300m, 150m, 0.46m, 33896m, 20422m, exchangeTs, exchangeTs.AddMilliseconds(3));
}
