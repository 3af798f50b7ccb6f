using BenchmarkDotNet.Attributes;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Bench;

/// <summary>
/// BenchmarkDotNet form of figure 3's compute and allocation (full run only): market state + detector over fresh
/// events of the 5,000-market world, 20,000 per invocation. Each iteration gets a newly generated stream (outside the
/// measurement), since a replayed book delta would be refused as old and cost nothing.
/// </summary>
[MemoryDiagnoser]
public class DetectorBenchmarks
{
    private const int EventsPerInvoke = 20_000;
    private DetectorWorkload _workload = null!;
    private MarketEvent[] _events = [];

    [GlobalSetup]
    public void Setup() => _workload = DetectorWorkload.Create(seed: 11, DateTime.UtcNow);

    [IterationSetup]
    public void NextStream() => _events = _workload.Stream(EventsPerInvoke, DateTime.UtcNow);

    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public int ApplyAndDetect()
    {
        int transitions = 0;
        foreach (MarketEvent e in _events)
        {
            if (_workload.State.Apply(e))
            {
                transitions += _workload.Detector.OnEvent(e).Count;
            }
        }

        return transitions;
    }
}
