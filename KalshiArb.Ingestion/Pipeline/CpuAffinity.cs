using System.ComponentModel;
using System.Runtime.InteropServices;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// The calling thread's CPU affinity on Linux. With pid 0, sched_setaffinity and sched_getaffinity act on the calling
/// thread alone, not on the whole process.
/// </summary>
internal static class CpuAffinity
{
    // glibc's cpu_set_t: 1,024 CPUs in 64-bit words.
    private const int MaskWords = 16;

    /// <summary>The CPUs the calling thread may run on, ascending.</summary>
    public static IReadOnlyList<int> OfCurrentThread()
    {
        var mask = new ulong[MaskWords];
        if (sched_getaffinity(0, MaskWords * sizeof(ulong), mask) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError());
        }

        var cpus = new List<int>();
        for (int cpu = 0; cpu < MaskWords * 64; cpu++)
        {
            if ((mask[cpu / 64] & (1UL << (cpu % 64))) != 0)
            {
                cpus.Add(cpu);
            }
        }

        return cpus;
    }

    /// <summary>Restricts the calling thread to <paramref name="cpu"/>; returns 0, or the kernel's error number when it refuses.</summary>
    public static int PinCurrentThread(int cpu)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cpu);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cpu, MaskWords * 64);
        var mask = new ulong[MaskWords];
        mask[cpu / 64] = 1UL << (cpu % 64);
        return sched_setaffinity(0, MaskWords * sizeof(ulong), mask) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int sched_setaffinity(int pid, nint cpusetsize, ulong[] mask);

    [DllImport("libc", SetLastError = true)]
    private static extern int sched_getaffinity(int pid, nint cpusetsize, ulong[] mask);
}
