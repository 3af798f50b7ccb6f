using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.Hosting;
using KalshiArb.Ingestion.Storage.InMemory;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Infrastructure;

namespace KalshiArb.Tests.Storage;

public sealed class QuestDbProbeTests
{
    [Fact]
    public async Task Nothing_listening_means_unreachable_with_a_reason()
    {
        var options = new QuestDbOptions
        {
            HttpUrl = $"http://127.0.0.1:{FreePort.Next()}",
            PgConnectionString = $"Host=127.0.0.1;Port={FreePort.Next()};Username=admin;Password=quest;Database=qdb;ServerCompatibilityMode=NoTypeLoading",
        };

        Assert.NotNull(await QuestDbProbe.DescribeUnreachableAsync(options, TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken));
        string? reason = await QuestDbProbe.DescribeUnreachableAsync(options, TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        Assert.StartsWith("QuestDB not reachable", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_transport_is_a_clear_configuration_error()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new QuestDbOptions { Transport = "udp" }.CreateTransport());
        Assert.Contains("QuestDb:Transport", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_mode_falls_back_to_the_in_memory_history_and_says_why()
    {
        var options = new QuestDbOptions
        {
            Mode = ServiceMode.Auto,
            HttpUrl = $"http://127.0.0.1:{FreePort.Next()}",
            PgConnectionString = $"Host=127.0.0.1;Port={FreePort.Next()};Username=admin;Password=quest;Database=qdb;ServerCompatibilityMode=NoTypeLoading",
        };

        IHistoryStore store = await HistoryStoreFactory.CreateAsync(options, new InMemoryHistoryOptions(), TimeProvider.System, null, TestContext.Current.CancellationToken);

        Assert.Equal("in-memory", store.Backend);
        ComponentHealth health = ((IHealthSource)store).GetHealth();
        Assert.StartsWith("QuestDB not reachable", health.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Off_mode_never_touches_QuestDB()
    {
        IHistoryStore store = await HistoryStoreFactory.CreateAsync(new QuestDbOptions { Mode = ServiceMode.Off }, new InMemoryHistoryOptions(), TimeProvider.System, null, TestContext.Current.CancellationToken);
        Assert.Equal("in-memory", store.Backend);
    }
}
