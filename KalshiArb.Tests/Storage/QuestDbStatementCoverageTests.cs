using System.Reflection;

namespace KalshiArb.Tests.Storage;

/// <summary>Keeps <see cref="QuestDbStatementCoverage"/> complete: runs without a server, so CI catches an uncovered statement.</summary>
public sealed class QuestDbStatementCoverageTests
{
    [Fact]
    public void Every_statement_names_a_QuestDB_test_that_checks_its_answer()
    {
        string[] statements = QuestDbSqlTests.AllTemplates().Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(statements, QuestDbStatementCoverage.AnsweredBy.Keys.Order(StringComparer.Ordinal).ToArray());
        foreach ((string statement, string test) in QuestDbStatementCoverage.AnsweredBy)
        {
            string[] parts = test.Split('.');
            Type? type = typeof(QuestDbStatementCoverage).Assembly.GetTypes().SingleOrDefault(t => t.Name == parts[0]);
            MethodInfo? method = type?.GetMethod(parts[1]);
            Assert.True(method?.GetCustomAttribute<FactAttribute>() is not null, $"{statement}: {test} is not a test");
            Assert.True(
                type!.GetCustomAttributes<TraitAttribute>().Any(IsQuestDbTrait) || method!.GetCustomAttributes<TraitAttribute>().Any(IsQuestDbTrait),
                $"{statement}: {test} does not run against QuestDB (Category=QuestDb)");
        }
    }

    private static bool IsQuestDbTrait(TraitAttribute trait) => trait is { Name: "Category", Value: "QuestDb" };
}
