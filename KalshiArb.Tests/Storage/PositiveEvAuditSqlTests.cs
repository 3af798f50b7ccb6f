using System.Reflection;
using System.Text.RegularExpressions;
using KalshiArb.Ingestion.Storage.QuestDb;

namespace KalshiArb.Tests.Storage;

/// <summary>
/// Cheap guards on the audit statement that run without a server: it reads only columns the tables have, and it
/// returns exactly the columns the store maps (by snake_case name). Its arithmetic is proven against the detector in
/// <see cref="AuditAgreementTests"/>, which needs QuestDB.
/// </summary>
public sealed partial class PositiveEvAuditSqlTests
{
    private readonly string _rendered = new QuestDbSql("t1_").Render(QuestDbSql.PositiveEvAudit);

    [Fact]
    public void The_final_select_returns_exactly_the_columns_the_store_maps()
    {
        // The outer SELECT is the last one, reading the joined CTE.
        Match outer = OuterSelect().Match(_rendered);
        Assert.True(outer.Success, _rendered);
        string[] returned = SplitColumns(outer.Groups["columns"].Value)
            .Select(c => AliasOrColumn().Match(c) is { Success: true } alias ? alias.Groups["name"].Value : c)
            .Order(StringComparer.Ordinal)
            .ToArray();

        string[] mapped = typeof(PositiveEvAuditDbRow).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => SnakeCase(p.Name))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(mapped, returned);
    }

    [Fact]
    public void Every_column_read_from_a_table_exists_in_its_definition()
    {
        MatchCollection reads = TableSelect().Matches(_rendered);

        // mapping <- event_mapping, kalshi <- kalshi_ticks, book_latest <- sportsbook_odds.
        Assert.Equal(["event_mapping", "kalshi_ticks", "sportsbook_odds"], reads.Select(m => m.Groups["table"].Value).Order(StringComparer.Ordinal));
        foreach (Match read in reads)
        {
            string table = read.Groups["table"].Value;
            string ddl = QuestDbSql.Tables.Single(t => t.Table == table).Ddl;
            foreach (string column in SplitColumns(read.Groups["columns"].Value))
            {
                Assert.Matches($@"[(\s,]{Regex.Escape(column)} [A-Z]", ddl);
            }
        }
    }

    private static string[] SplitColumns(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(c => Regex.Replace(c, @"\s+", " "))
            .ToArray();

    private static string SnakeCase(string pascal) => PascalBoundary().Replace(pascal, "_$1").ToLowerInvariant();

    [GeneratedRegex(@"SELECT (?<columns>(?:(?!SELECT).)*?)\s+FROM joined", RegexOptions.Singleline)]
    private static partial Regex OuterSelect();

    [GeneratedRegex(@" AS (?<name>\w+)$")]
    private static partial Regex AliasOrColumn();

    [GeneratedRegex(@"SELECT (?<columns>[^()]*?)\s+FROM t1_(?<table>\w+)", RegexOptions.Singleline)]
    private static partial Regex TableSelect();

    [GeneratedRegex(@"(?<=[a-z])([A-Z])")]
    private static partial Regex PascalBoundary();
}
