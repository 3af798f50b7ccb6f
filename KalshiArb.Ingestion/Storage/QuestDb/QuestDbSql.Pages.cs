using System.Globalization;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>Paged history reads (REST API): {skip} and {end} are rendered from validated integers by <see cref="Paged"/>.</summary>
public sealed partial class QuestDbSql
{
    /// <summary>One page of <see cref="OpportunitiesInRange"/>: rows {skip} to {end} (exclusive) in the same total order, so pages neither repeat nor skip rows that share a timestamp.</summary>
    public const string OpportunitiesPage = """
        SELECT * FROM {p}arb_opportunities
        WHERE ts >= @from AND ts < @to
        ORDER BY ts, opportunity_id, state
        LIMIT {skip}, {end}
        """;

    /// <summary>As <see cref="OpportunitiesPage"/> for one market.</summary>
    public const string OpportunitiesPageForTicker = """
        SELECT * FROM {p}arb_opportunities
        WHERE kalshi_ticker = @ticker AND ts >= @from AND ts < @to
        ORDER BY ts, opportunity_id, state
        LIMIT {skip}, {end}
        """;

    /// <summary>One page of executions in [@from, @to); ties on ts in id order, so a page border is stable.</summary>
    public const string ExecutionsPage = """
        SELECT * FROM {p}executions
        WHERE ts >= @from AND ts < @to
        ORDER BY ts, execution_id
        LIMIT {skip}, {end}
        """;

    /// <summary>One page of the latest settlement per market (a correction supersedes) at or after @from.</summary>
    public const string SettlementsPage = """
        SELECT * FROM (SELECT * FROM {p}market_settlements LATEST ON ts PARTITION BY ticker)
        WHERE ts >= @from
        ORDER BY ts, ticker
        LIMIT {skip}, {end}
        """;

    /// <summary>A paged template with its row window; <paramref name="skip"/> and <paramref name="take"/> are checked, never text from a caller.</summary>
    public string Paged(string template, int skip, int take)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        return Render(template)
            .Replace("{skip}", skip.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{end}", ((long)skip + take).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
