using System.Globalization;

namespace KalshiArb.Tests.Pipeline;

/// <summary>Linux's CPU list format, as in /proc's Cpus_allowed_list: "0-3,6,8-9".</summary>
internal static class CpuList
{
    public static IReadOnlyList<int> Parse(string list) =>
    [
        .. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).SelectMany(part =>
        {
            string[] bounds = part.Split('-');
            int first = int.Parse(bounds[0], CultureInfo.InvariantCulture);
            int last = int.Parse(bounds[^1], CultureInfo.InvariantCulture);
            return Enumerable.Range(first, last - first + 1);
        }),
    ];
}
