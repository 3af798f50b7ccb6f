using System.Reflection;
using KalshiArb.Ingestion.Storage.QuestDb;

namespace KalshiArb.Tests.Storage;

public sealed class QuestDbSqlTests
{
    [Theory]
    [InlineData("")]
    [InlineData("t123_")]
    [InlineData("kalshiarb_")]
    public void Valid_prefixes_are_applied_to_every_table(string prefix)
    {
        var sql = new QuestDbSql(prefix);
        string rendered = sql.Render(QuestDbSql.PositiveEvAudit);
        Assert.Contains($"FROM {prefix}event_mapping", rendered, StringComparison.Ordinal);
        Assert.Contains($"FROM {prefix}kalshi_ticks", rendered, StringComparison.Ordinal);
        Assert.Contains($"FROM {prefix}sportsbook_odds", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("{p}", rendered, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("T1_")]
    [InlineData("x;drop table executions;--")]
    [InlineData("a b")]
    [InlineData("a-b")]
    [InlineData("a.b")]
    public void Prefixes_outside_lowercase_digits_and_underscore_are_refused(string prefix) =>
        Assert.Throws<ArgumentException>(() => new QuestDbSql(prefix));

    [Fact]
    public void Every_statement_is_rendered_without_placeholders_left()
    {
        var sql = new QuestDbSql("t1_");
        foreach ((string name, string template) in AllTemplates())
        {
            string rendered = template.Contains("{stride}", StringComparison.Ordinal)
                ? sql.Sampled(template, TimeSpan.FromMinutes(1))
                : template.Contains("{table}", StringComparison.Ordinal)
                    ? sql.ForTable(template, "kalshi_ticks", 30)
                    : template.Contains("{skip}", StringComparison.Ordinal)
                        ? sql.Paged(template, 1000, 1001)
                        : sql.Render(template);
            Assert.False(rendered.Contains('{', StringComparison.Ordinal), $"{name} still has a placeholder: {rendered}");
        }
    }

    [Fact]
    public void A_page_window_is_rendered_from_integers_as_lo_and_hi()
    {
        string rendered = new QuestDbSql("").Paged(QuestDbSql.OpportunitiesPage, 2, 501);

        Assert.Contains("LIMIT 2, 503", rendered, StringComparison.Ordinal); // rows 2 .. 502: skip 2, take 501
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuestDbSql("").Paged(QuestDbSql.OpportunitiesPage, -1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuestDbSql("").Paged(QuestDbSql.OpportunitiesPage, 0, 0));
    }

    [Fact]
    public void Every_time_series_table_is_partitioned_by_day_with_wal_and_dedup_on_ts()
    {
        foreach ((string table, string ddl, _) in QuestDbSql.Tables)
        {
            Assert.Contains($"{{p}}{table} (", ddl, StringComparison.Ordinal);
            Assert.Contains("TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts,", ddl, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Values_are_parameters_never_inline_text()
    {
        foreach ((string name, string template) in AllTemplates())
        {
            // The only quoted literals are our own codes.
            foreach (string literal in template.Split('\'').Where((_, i) => i % 2 == 1))
            {
                Assert.Contains(literal, new[] { "block", "h2h", "open", "yes", "no", "void", "h", "kalshi_ticks", "kalshi_trades", "kalshi_orderbook", "sportsbook_odds", "questdb_write" });
                Assert.False(string.IsNullOrEmpty(name));
            }
        }
    }

    [Theory]
    [InlineData(1, "1s")]
    [InlineData(30, "30s")]
    [InlineData(60, "1m")]
    [InlineData(900, "15m")]
    [InlineData(3600, "1h")]
    [InlineData(86400, "1d")]
    [InlineData(172800, "2d")]
    public void Strides_use_the_largest_whole_unit(int seconds, string stride) =>
        Assert.Equal(stride, QuestDbSql.Stride(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(0)]
    [InlineData(0.5)]
    [InlineData(7)]
    [InlineData(90000)]
    public void Buckets_that_do_not_divide_a_day_are_refused(double seconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => QuestDbSql.Stride(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Only_our_tables_can_be_named()
    {
        var sql = new QuestDbSql("");
        Assert.Equal("DROP TABLE IF EXISTS executions", sql.ForTable(QuestDbSql.DropTable, "executions"));
        Assert.Throws<ArgumentException>(() => sql.ForTable(QuestDbSql.DropTable, "users; --"));
    }

    /// <summary>Every public string constant of <see cref="QuestDbSql"/>: the statements the integration tests must run.</summary>
    public static IEnumerable<(string Name, string Sql)> AllTemplates() =>
        typeof(QuestDbSql).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!));
}
