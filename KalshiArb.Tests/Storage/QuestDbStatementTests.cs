using System.Text.RegularExpressions;
using Dapper;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Infrastructure;
using Npgsql;

namespace KalshiArb.Tests.Storage;

/// <summary>
/// Every statement of <see cref="QuestDbSql"/>, found by reflection, runs against the real server with sample
/// parameters, so QuestDB itself accepts each one's syntax and types (their answers are checked by the tests named in
/// <see cref="QuestDbStatementCoverage"/>). A new statement runs here without being listed; a new parameter name
/// needs a sample value below, and the test says so.
/// </summary>
[Trait("Category", "QuestDb")]
[Collection(QuestDbServerCollection.Name)]
public sealed partial class QuestDbStatementTests(QuestDbFixture questDb)
{
    private static readonly Dictionary<string, object> Samples = new(StringComparer.Ordinal)
    {
        ["since"] = HistoryFixtures.Noon.AddHours(-1),
        ["from"] = HistoryFixtures.Noon,
        ["to"] = HistoryFixtures.Noon.AddHours(1),
        ["ticker"] = "KXNBAGAME-25NOV29LALBOS-LAL",
        ["eventId"] = "evt1",
        ["marketType"] = "h2h",
        ["outcome"] = "Lakers",
        ["at"] = HistoryFixtures.Noon,
        ["opportunityId"] = "opp-1",
    };

    [Fact]
    public async Task Every_statement_runs_against_the_server()
    {
        questDb.SkipIfUnavailable();
        CancellationToken ct = TestContext.Current.CancellationToken;
        var sql = new QuestDbSql(questDb.NewTablePrefix());
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(questDb.PgConnectionString);
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(ct);
        (string Name, string Template)[] statements = QuestDbSqlTests.AllTemplates().ToArray();

        // Tables first (the other statements read them), the drop last.
        foreach ((string name, string template) in statements.OrderBy(s => s.Name.StartsWith("Create", StringComparison.Ordinal) ? 0 : s.Name == nameof(QuestDbSql.DropTable) ? 2 : 1))
        {
            foreach (string statement in Rendered(sql, name, template))
            {
                var parameters = new DynamicParameters();
                foreach (Match match in ParameterPattern().Matches(statement))
                {
                    string parameter = match.Groups[1].Value;
                    Assert.True(Samples.TryGetValue(parameter, out object? value), $"{name} uses @{parameter}: add a sample value for it to {nameof(QuestDbStatementTests)}.{nameof(Samples)}");
                    parameters.Add(parameter, value);
                }

                try
                {
                    await connection.QueryAsync(new CommandDefinition(statement, parameters, cancellationToken: ct));
                }
                catch (PostgresException ex)
                {
                    Assert.Fail($"QuestDB refused {name}: {ex.MessageText}\n{statement}");
                }
            }
        }

        // The drops took effect: counting a dropped table is an error.
        foreach ((string table, _, _) in QuestDbSql.Tables)
        {
            await Assert.ThrowsAsync<PostgresException>(() => connection.QueryAsync(new CommandDefinition(sql.ForTable(QuestDbSql.CountRows, table), cancellationToken: ct)));
        }
    }

    /// <summary>The statement as the product sends it: per table for the table templates, with a stride for SAMPLE BY, a row window for pages.</summary>
    private static IEnumerable<string> Rendered(QuestDbSql sql, string name, string template) =>
        template.Contains("{table}", StringComparison.Ordinal)
            ? QuestDbSql.Tables.Where(t => name != nameof(QuestDbSql.SetTtl) || t.Ttl).Select(t => sql.ForTable(template, t.Table, ttlDays: 30))
            : template.Contains("{stride}", StringComparison.Ordinal)
                ? [sql.Sampled(template, TimeSpan.FromMinutes(1))]
                : template.Contains("{skip}", StringComparison.Ordinal)
                    ? [sql.Paged(template, skip: 1, take: 2)]
                    : [sql.Render(template)];

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex ParameterPattern();
}
