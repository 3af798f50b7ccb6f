using System.Collections.Concurrent;

namespace KalshiArb.Ingestion.Storage;

/// <summary>
/// Stored rows a read could not turn into the application's records (a value beyond <c>decimal</c>'s range, a code
/// it does not know). Such a row is skipped and counted here, so one bad row never fails a page or an API call for
/// everyone: the Health page shows the total and the last reason, and a page shows how many rows its last read skipped.
/// </summary>
public sealed class UnreadableRows
{
    // The reads, as named on the Health page and looked up by the pages.
    public const string Executions = "executions";
    public const string ExecutionsPage = "executions page";
    public const string FillQuotes = "quotes at fill";
    public const string Settlements = "settlements";
    public const string SettlementsPage = "settlements page";
    public const string Mappings = "mappings";
    public const string Opportunities = "opportunities";
    public const string OpportunitiesPage = "opportunity history page";
    public const string PositiveEvAudit = "+EV audit";
    public const string QuoteBars = "quote bars";
    public const string FairProbSeries = "fair probability series";
    public const string ClosingKalshiTick = "closing Kalshi tick";
    public const string ClosingSportsbookQuotes = "closing sportsbook quotes";
    public const string ReplayOpportunityRows = "replay: opportunity rows";
    public const string ReplayKalshiBook = "replay: Kalshi book";
    public const string ReplayKalshiTicks = "replay: Kalshi ticks";
    public const string ReplayMarketStatus = "replay: market status";
    public const string ReplayBookIntegrity = "replay: book integrity";
    public const string ReplayQuotes = "replay: sportsbook quotes";

    /// <summary>What a store that keeps the records themselves (the in-memory history) reports: never a skipped row.</summary>
    public static readonly UnreadableRows None = new();

    private readonly ConcurrentDictionary<string, int> _lastRead = new(StringComparer.Ordinal);
    private long _total;
    private volatile string? _lastReason;

    /// <summary>Rows skipped by every read since start-up.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Why the latest skipped row could not be read (which read, which value).</summary>
    public string? LastReason => _lastReason;

    /// <summary>Rows the latest run of <paramref name="read"/> skipped (0 before it ran).</summary>
    public int LastRead(string read) => _lastRead.GetValueOrDefault(read);

    /// <summary>Records one run of <paramref name="read"/> that skipped <paramref name="skipped"/> rows.</summary>
    public void Record(string read, int skipped, string? reason)
    {
        _lastRead[read] = skipped;
        if (skipped > 0)
        {
            Interlocked.Add(ref _total, skipped);
            _lastReason = reason;
        }
    }
}
