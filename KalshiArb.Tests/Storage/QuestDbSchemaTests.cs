using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Infrastructure;

namespace KalshiArb.Tests.Storage;

/// <summary>Against a real QuestDB (see <see cref="QuestDbFixture"/>): creating the schema twice leaves every table there and empty.</summary>
[Trait("Category", "QuestDb")]
[Collection(QuestDbServerCollection.Name)]
public sealed class QuestDbSchemaTests(QuestDbFixture questDb) : IAsyncLifetime
{
    private readonly QuestDbTestStores _stores = new(questDb);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _stores.DisposeAsync();

    [Fact]
    public async Task Schema_creation_is_idempotent_and_creates_every_table_empty()
    {
        QuestDbOptions options = _stores.NewOptions();
        QuestDbSql sql = _stores.LastSql;

        await QuestDbSchema.EnsureCreatedAsync(options, _ct);
        await QuestDbSchema.EnsureCreatedAsync(options, _ct);

        foreach ((string table, _, _) in QuestDbSql.Tables)
        {
            Assert.Equal(0, await _stores.CountAsync(table, sql, _ct));
        }

        Assert.Null(await QuestDbProbe.DescribeUnreachableAsync(options, TimeSpan.FromSeconds(3), _ct));
    }
}
