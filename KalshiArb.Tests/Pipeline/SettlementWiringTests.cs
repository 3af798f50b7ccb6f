using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KalshiArb.Tests.Pipeline;

/// <summary>A result announced on the lifecycle channel travels through the running pipeline into the history store once.</summary>
public sealed class SettlementWiringTests
{
    [Fact]
    public async Task A_lifecycle_result_in_the_channel_becomes_one_stored_kalshi_settlement()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using IHost host = PipelineHost.Build(new Dictionary<string, string?>());
        await host.StartAsync(ct);
        try
        {
            MarketEventChannel channel = host.Services.GetRequiredService<MarketEventChannel>();
            IHistoryStore history = host.Services.GetRequiredService<IHistoryStore>();
            var determinedAt = new DateTime(2026, 11, 30, 4, 0, 0, DateTimeKind.Utc);
            await channel.Writer.WriteAsync(new MarketStatusChanged("KXNBAGAME-26NOV29LALBOS-LAL", "determined", determinedAt, determinedAt, SettlementResult.Yes), ct);
            await channel.Writer.WriteAsync(new MarketStatusChanged("KXNBAGAME-26NOV29LALBOS-LAL", "finalized", determinedAt.AddHours(1), determinedAt.AddHours(1), SettlementResult.Yes), ct);

            SettlementRecorder recorder = host.Services.GetRequiredService<SettlementRecorder>();
            await Poll.UntilAsync(() => recorder.Recorded + recorder.Duplicates == 2, "the determination recorded and the settlement skipped as a repeat");
            Settlement stored = Assert.Single(await history.GetSettlementsAsync(ct));
            Assert.Equal(new Settlement("KXNBAGAME-26NOV29LALBOS-LAL", SettlementResult.Yes, "kalshi", determinedAt), stored);
            Assert.Contains(host.Services.GetServices<IHealthSource>(), h => h.GetHealth().Component == SettlementRecorder.ComponentName);
        }
        finally
        {
            await host.StopAsync(ct);
        }
    }
}
