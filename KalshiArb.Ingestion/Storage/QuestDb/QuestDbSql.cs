using System.Globalization;
using System.Text.RegularExpressions;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>
/// Every SQL statement the application sends to QuestDB, DDL and queries, in one place. Templates name tables as
/// <c>{p}table</c>; an instance renders them with a validated prefix ([a-z0-9_]) and nothing else. Values are always
/// Dapper parameters; the only other text placed in a statement is a SAMPLE BY stride built from a validated
/// <see cref="TimeSpan"/>. Column units are documented in docs/storage.md: prices and money in dollars as DOUBLE,
/// quantities in contracts, designated <c>ts</c> = the venue's timestamp (µs), <c>received_at</c> = our receive time.
/// </summary>
public sealed partial class QuestDbSql
{
    private readonly Dictionary<string, string> _rendered = new(StringComparer.Ordinal);

    public QuestDbSql(string tablePrefix)
    {
        ArgumentNullException.ThrowIfNull(tablePrefix);
        if (!PrefixPattern().IsMatch(tablePrefix))
        {
            throw new ArgumentException($"Table prefix \"{tablePrefix}\" must match [a-z0-9_]*.", nameof(tablePrefix));
        }

        Prefix = tablePrefix;
    }

    public string Prefix { get; }

    /// <summary>The prefixed name of one of our tables.</summary>
    public string TableName(string table)
    {
        if (!Tables.Any(t => t.Table == table))
        {
            throw new ArgumentException($"Unknown table \"{table}\".", nameof(table));
        }

        return Prefix + table;
    }

    /// <summary>A template rendered with this prefix (cached).</summary>
    public string Render(string template)
    {
        lock (_rendered)
        {
            if (!_rendered.TryGetValue(template, out string? sql))
            {
                sql = template.Replace("{p}", Prefix, StringComparison.Ordinal);
                _rendered[template] = sql;
            }

            return sql;
        }
    }

    /// <summary>A per-table template (<see cref="SetTtl"/>, <see cref="CountRows"/>, <see cref="DropTable"/>) for one of our tables.</summary>
    public string ForTable(string template, string table, int ttlDays = 0)
    {
        TableName(table);
        ArgumentOutOfRangeException.ThrowIfNegative(ttlDays);
        return template.Replace("{p}", Prefix, StringComparison.Ordinal)
            .Replace("{table}", table, StringComparison.Ordinal)
            .Replace("{days}", ttlDays.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>A SAMPLE BY template with the stride of <paramref name="bucket"/>.</summary>
    public string Sampled(string template, TimeSpan bucket) =>
        Render(template).Replace("{stride}", Stride(bucket), StringComparison.Ordinal);

    /// <summary>
    /// The SAMPLE BY stride for a bucket: whole seconds dividing a day (1s, 5s, 1m, 15m, 1h, 1d ...), so buckets
    /// fall on the same boundaries in QuestDB and in the in-memory history.
    /// </summary>
    public static string Stride(TimeSpan bucket)
    {
        BarBucket.Validate(bucket);
        long seconds = (long)bucket.TotalSeconds;
        return seconds switch
        {
            _ when seconds % 86400 == 0 => $"{seconds / 86400}d",
            _ when seconds % 3600 == 0 => $"{seconds / 3600}h",
            _ when seconds % 60 == 0 => $"{seconds / 60}m",
            _ => $"{seconds}s",
        };
    }

    [GeneratedRegex("^[a-z0-9_]*$")]
    private static partial Regex PrefixPattern();
}
