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

        Assert.False(await QuestDbProbe.IsReachableAsync(options, TestContext.Current.CancellationToken));
        string? reason = await QuestDbProbe.DescribeUnreachableAsync(options, TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        Assert.StartsWith("QuestDB not reachable", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_transport_is_a_clear_configuration_error()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new QuestDbOptions { Transport = "udp" }.CreateTransport());
        Assert.Contains("QuestDb:Transport", ex.Message, StringComparison.Ordinal);
    }
}
