using System.Runtime;
using System.Runtime.InteropServices;

namespace KalshiArb.Bench;

/// <summary>
/// What the figures were measured on: cores, CPU model, memory, runtime, GC mode, and how busy the machine was (1/5/15-minute
/// load average) before the run began, when only others' work shows, and when it ended, when the run's own threads,
/// QuestDB and Redis show too.
/// </summary>
internal sealed record MachineInfo(int Cores, string Cpu, string Memory, string Runtime, string Os, string Gc, string LoadAtStart, string LoadAverage)
{
    public static string ReadLoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static MachineInfo Describe(string loadAtStart)
    {
        string cpu = ReadFirst("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        string memory = ReadFirst("/proc/meminfo", "MemTotal") is { } total
            ? Format.Inv($"{long.Parse(total.Replace("kB", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture) / 1024.0 / 1024.0:F1} GiB")
            : "unknown";
        string gc = $"{(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}";
        return new MachineInfo(Environment.ProcessorCount, cpu, memory, RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription, gc, loadAtStart, ReadLoadAverage());
    }

    private static string? ReadFirst(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        string? line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? null : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
