using System.Diagnostics;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage.Ilp;
using KalshiArb.Ingestion.Storage.QuestDb;

namespace KalshiArb.Bench;

/// <summary>
/// Figure 1: encoding Kalshi ticks into the reused ILP buffer on one thread, exactly as the writer does under its
/// lock (no I/O). Quick mode: Stopwatch over about two seconds and the thread's allocation counter; full mode adds
/// BenchmarkDotNet with its memory diagnoser (<see cref="IlpEncodingBenchmarks"/>).
/// </summary>
internal static class IlpEncodingBench
{
    private const double RowsGoal = 2_000_000;
    private const int Chunk = 10_000;

    public static IEnumerable<BenchFigure> Run(bool quick)
    {
        var buffer = new IlpBuffer(8 * 1024 * 1024);
        var row = (BenchRows.Tables, BenchRows.Tick(1, DateTime.UtcNow));
        EncodeChunks(buffer, row, 30);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long started = Stopwatch.GetTimestamp();
        long rows = 0;
        while (Stopwatch.GetElapsedTime(started).TotalSeconds < (quick ? 2 : 5))
        {
            EncodeChunks(buffer, row, 10);
            rows += 10 * Chunk;
        }

        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        double bytesPerRow = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)rows;
        double rate = rows / seconds;
        yield return RateFigure("1. ILP encoding (Stopwatch, 1 thread)", rate);
        yield return AllocationFigure("1. ILP encoding allocation (thread counter)", bytesPerRow);
        if (!quick)
        {
            (double nsPerRow, double? bdnBytes) = IlpEncodingBenchmarks.RunWithBenchmarkDotNet();
            yield return RateFigure("1. ILP encoding (BenchmarkDotNet, 1 thread)", 1e9 / nsPerRow);
            if (bdnBytes is { } b)
            {
                yield return AllocationFigure("1. ILP encoding allocation (BenchmarkDotNet)", b);
            }
        }
    }

    /// <summary>Encodes <paramref name="chunks"/> x 10,000 rows, clearing the buffer between chunks as a flush would.</summary>
    public static void EncodeChunks(IlpBuffer buffer, (QuestDbTables, KalshiTick) row, int chunks)
    {
        for (int c = 0; c < chunks; c++)
        {
            buffer.Clear();
            for (int i = 0; i < Chunk; i++)
            {
                QuestDbRows.Tick(buffer, row);
            }
        }
    }

    private static BenchFigure RateFigure(string name, double rate) => new(
        name, Format.N0(rate), "rows/s/core", ">= 2,000,000",
        rate >= RowsGoal ? GoalVerdict.Met : GoalVerdict.NotMet,
        rate >= RowsGoal ? "" : Format.Shortfall(rate, RowsGoal, higherIsBetter: true) + "; a tick row carries a symbol, 9 decimal columns written from their own digits and two timestamps; the figure moves with the load on a shared machine (see the load average above the table)");

    private static BenchFigure AllocationFigure(string name, double bytesPerRow) => new(
        name, Format.F2(bytesPerRow), "B/row", "0",
        bytesPerRow < 0.01 ? GoalVerdict.Met : GoalVerdict.NotMet,
        bytesPerRow < 0.01 ? "" : "allocations on the encoding path");
}
