using System.Runtime;
using System.Runtime.InteropServices;

namespace KalshiArb.Bench;

/// <summary>What the figures were measured on: cores, CPU model, memory, runtime, GC mode, and how busy the machine was (1/5/15-minute load average).</summary>
internal sealed record MachineInfo(int Cores, string Cpu, string Memory, string Runtime, string Os, string Gc, string LoadAverage)
{
    public static MachineInfo Describe()
    {
        string cpu = ReadFirst("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        string memory = ReadFirst("/proc/meminfo", "MemTotal") is { } total
            ? Format.Inv($"{long.Parse(total.Replace("kB", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture) / 1024.0 / 1024.0:F1} GiB")
            : "unknown";
        string gc = $"{(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}";
        string load = File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        return new MachineInfo(Environment.ProcessorCount, cpu, memory, RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription, gc, load);
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
