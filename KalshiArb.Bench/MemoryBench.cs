using System.Diagnostics;
using System.Globalization;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage.InMemory;

namespace KalshiArb.Bench;

/// <summary>
/// Figure 6: resident memory of a fresh process holding 5,000 live markets: L2 books, ticks and 20 books' quotes
/// in the market state, the detector with its 5,000 mappings, and the in-memory history store after 300,000
/// events of history. Measured in a child process (this program with --memory-probe) so the other figures'
/// garbage does not count.
/// </summary>
internal static class MemoryBench
{
    public const string ProbeArgument = "--memory-probe";
    private const double GoalMegabytes = 300;
    private const int HistoryEvents = 300_000;
    private const string RssPrefix = "RSS_BYTES=";
    private const string HeapPrefix = "HEAP_BYTES=";

    public static async Task<BenchFigure> RunAsync(CancellationToken ct)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(MemoryBench).Assembly.Location);
        }

        start.ArgumentList.Add(ProbeArgument);
        using Process probe = Process.Start(start) ?? throw new InvalidOperationException("could not start the memory probe");
        string output = await probe.StandardOutput.ReadToEndAsync(ct);
        string errors = await probe.StandardError.ReadToEndAsync(ct);
        await probe.WaitForExitAsync(ct);
        long? rss = Read(output, RssPrefix);
        long? heap = Read(output, HeapPrefix);
        if (probe.ExitCode != 0 || rss is null)
        {
            return new BenchFigure("6. Memory, 5,000 markets live", "-", "MB RSS", "< 300 MB", GoalVerdict.NotMet, $"probe failed: {errors.Trim()}");
        }

        double megabytes = rss.Value / 1024.0 / 1024.0;
        bool met = megabytes < GoalMegabytes;
        string note = Format.Inv($"fresh process: state (5,000 books + ticks, 2,500 games x 20 books x 2 outcomes), detector, in-memory history after {HistoryEvents:N0} events; managed heap {heap / 1024.0 / 1024.0:F0} MB");
        return new BenchFigure(
            "6. Memory, 5,000 markets live", Format.F1(megabytes), "MB RSS", "< 300 MB", met ? GoalVerdict.Met : GoalVerdict.NotMet,
            met ? note : note + "; " + Format.Shortfall(megabytes, GoalMegabytes, higherIsBetter: false));
    }

    /// <summary>The child's side: build the world, settle the heap, print RSS and heap size.</summary>
    public static int Probe()
    {
        DetectorWorkload workload = DetectorWorkload.Create(seed: 3, DateTime.UtcNow);
        var store = new InMemoryHistoryStore(new InMemoryHistoryOptions(), TimeProvider.System);
        for (int done = 0; done < HistoryEvents; done += 10_000)
        {
            foreach (MarketEvent marketEvent in workload.Stream(10_000, DateTime.UtcNow))
            {
                workload.State.Apply(marketEvent);
                store.OnMarketEvent(marketEvent);
            }
        }

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.KeepAlive(workload);
        GC.KeepAlive(store);
        Console.WriteLine(RssPrefix + ResidentBytes().ToString(CultureInfo.InvariantCulture));
        Console.WriteLine(HeapPrefix + GC.GetTotalMemory(false).ToString(CultureInfo.InvariantCulture));
        return 0;
    }

    /// <summary>VmRSS from /proc/self/status (Linux); the working set elsewhere.</summary>
    private static long ResidentBytes()
    {
        const string path = "/proc/self/status";
        if (File.Exists(path))
        {
            string? line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            if (line is not null)
            {
                string kilobytes = line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim();
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return Environment.WorkingSet;
    }

    private static long? Read(string output, string prefix) =>
        output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line
            ? long.Parse(line[prefix.Length..], CultureInfo.InvariantCulture)
            : null;
}
