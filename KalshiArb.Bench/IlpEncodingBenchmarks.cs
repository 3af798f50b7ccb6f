using BenchmarkDotNet.Attributes;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage.Ilp;
using KalshiArb.Ingestion.Storage.QuestDb;

namespace KalshiArb.Bench;

/// <summary>BenchmarkDotNet form of figure 1 (full run only): 10,000 tick rows per invocation into a reused buffer.</summary>
[MemoryDiagnoser]
public class IlpEncodingBenchmarks
{
    private const int RowsPerInvoke = 10_000;
    private readonly IlpBuffer _buffer = new(8 * 1024 * 1024);
    private (QuestDbTables, KalshiTick) _row;

    [GlobalSetup]
    public void Setup() => _row = (BenchRows.Tables, BenchRows.Tick(1, DateTime.UtcNow));

    [Benchmark(OperationsPerInvoke = RowsPerInvoke)]
    public int EncodeTickRows()
    {
        _buffer.Clear();
        for (int i = 0; i < RowsPerInvoke; i++)
        {
            QuestDbRows.Tick(_buffer, _row);
        }

        return _buffer.Length;
    }

    /// <summary>Runs in-process (no generated project); returns ns per row and bytes allocated per row.</summary>
    public static (double NsPerRow, double? BytesPerRow) RunWithBenchmarkDotNet() => InProcessBenchmark.Run<IlpEncodingBenchmarks>();
}
