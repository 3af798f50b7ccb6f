using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace KalshiArb.Bench;

/// <summary>Runs one BenchmarkDotNet class in this process (no generated project) with its memory diagnoser.</summary>
internal static class InProcessBenchmark
{
    /// <summary>Mean ns per operation and bytes allocated per operation of the class's first benchmark.</summary>
    public static (double NsPerOperation, double? BytesPerOperation) Run<T>()
    {
        IConfig config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10));
        Summary summary = BenchmarkRunner.Run<T>(config);
        BenchmarkReport report = summary.Reports[0];
        double mean = report.ResultStatistics?.Mean ?? double.NaN;
        long? bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
        return (mean, bytes);
    }
}
