using System.Diagnostics;
using KalshiArb.Bench;

// Quick: every figure, short runs, under 2 minutes. Full (no flag): longer runs plus BenchmarkDotNet; always writes
// docs/performance.md. --write-docs writes it after a quick run too.
if (args.Contains(MemoryBench.ProbeArgument))
{
    return MemoryBench.Probe();
}

bool quick = args.Contains("--quick");
bool writeDocs = args.Contains("--write-docs") || !quick;
// --only 3,4 runs just those figures (for working on one of them); the document is then not written.
int onlyAt = Array.IndexOf(args, "--only");
HashSet<int> only = onlyAt >= 0 && onlyAt + 1 < args.Length
    ? args[onlyAt + 1].Split(',').Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet()
    : [1, 2, 3, 4, 5, 6];
writeDocs &= only.Count == 6;
// --alloc-seconds N shortens (or lengthens) figure 3's steady allocation run: 60 s in a full run, 10 s in a quick one.
int allocAt = Array.IndexOf(args, "--alloc-seconds");
double allocationSeconds = allocAt >= 0 && allocAt + 1 < args.Length
    ? double.Parse(args[allocAt + 1], System.Globalization.CultureInfo.InvariantCulture)
    : quick ? 10 : 60;
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
CancellationToken ct = cancel.Token;
DateTime startedAt = DateTime.UtcNow;
string loadAtStart = MachineInfo.ReadLoadAverage();
long started = Stopwatch.GetTimestamp();
var figures = new List<BenchFigure>();
void Stage(string name) => Console.Error.WriteLine($"[{Stopwatch.GetElapsedTime(started).TotalSeconds,5:F0} s] {name}");

await using QuestDbServer? questDb = QuestDbServer.FromEnvironment();
if (questDb is not null)
{
    await questDb.StartAsync(ct);
}

Stage(questDb is null ? $"no QuestDB ({QuestDbServer.HowToEnable}): those figures are skipped" : questDb.Description);

// The memory probe runs first, while this process is still light and the machine quiet.
BenchFigure? memory = null;
if (only.Contains(6))
{
    Stage("6. memory");
    memory = await MemoryBench.RunAsync(ct);
}

if (only.Contains(1))
{
    Stage("1. ILP encoding");
    figures.AddRange(IlpEncodingBench.Run(quick));
}

if (only.Contains(2))
{
    Stage("2. ILP end to end");
    figures.AddRange(await IlpEndToEndBench.RunAsync(quick, questDb, ct));
}

if (only.Contains(3))
{
    Stage("3. detector latency");
    figures.AddRange(DetectorLatencyBench.Run(quick, allocationSeconds));
}

if (only.Contains(4))
{
    Stage("4. polling vs event-driven");
    figures.AddRange(await PollingComparisonBench.RunAsync(quick, questDb, ct));
}

if (only.Contains(5))
{
    Stage("5. whole pipeline");
    figures.AddRange(await PipelineLatencyBench.RunAsync(quick, questDb, ct));
}

if (memory is not null)
{
    figures.Add(memory);
}
Stage("done");

Console.WriteLine();
ResultTable.Print(figures, Console.Out);
Console.WriteLine();
MachineInfo machine = MachineInfo.Describe(loadAtStart);
Console.WriteLine($"{(quick ? "quick" : "full")} run, {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s; {machine.Cores} cores, {machine.Cpu}, {machine.Memory}, {machine.Runtime}, load average {machine.LoadAtStart} at the start, {machine.LoadAverage} at the end");
if (writeDocs)
{
    string path = PerformanceDoc.Write(figures, machine, quick, startedAt);
    Console.WriteLine($"wrote {path}");
}

return 0;
