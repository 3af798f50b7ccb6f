using System.Security.Cryptography;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Tests.Feeds;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KalshiArb.Tests.Pipeline;

/// <summary>A mapped market that closed while the lifecycle channel was not listening gets its result over REST.</summary>
public sealed class MissedResultsTests
{
    [Fact]
    public async Task A_closed_mapped_market_without_settlement_is_asked_for_and_its_result_stored()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string pemPath = Path.GetTempFileName();
        using var key = RSA.Create(2048);
        await File.WriteAllTextAsync(pemPath, key.ExportRSAPrivateKeyPem(), ct);
        using var publicKey = RSA.Create();
        publicKey.ImportFromPem(key.ExportSubjectPublicKeyInfoPem());
        await using FakeKalshiServer server = await FakeKalshiServer.StartAsync(publicKey, "missed-results-key");

        // Discovery serves KXNBAGAME-26NOV30AB-A closing 2025-12-14, long past: closed, mapped, nothing stored.
        const string Mapped = "KXNBAGAME-26NOV30AB-A";
        server.MarketResults[Mapped] = "no";
        IHost host = PipelineHost.Build(new Dictionary<string, string?>
        {
            ["Kalshi:ApiKeyId"] = "missed-results-key",
            ["Kalshi:PrivateKeyPath"] = pemPath,
            ["Kalshi:WebSocketUrl"] = server.Url,
            ["Kalshi:RestUrl"] = server.RestUrl,
            ["Kalshi:SeriesTickers:0"] = "KXNBAGAME",
        });
        try
        {
            await using var _ = (IAsyncDisposable)host;
            host.Services.GetRequiredService<MappingRegistry>().Upsert(new EventMapping(
                Mapped, "evt-ab", "basketball_nba", "h2h", "A", false, true, true, "none", "none", "void", "void",
                SettlementEquivalence.Safe, true, null, DateTime.UtcNow));
            await host.StartAsync(ct);

            IHistoryStore history = host.Services.GetRequiredService<IHistoryStore>();
            IReadOnlyList<Settlement> stored = [];
            await Poll.UntilAsync(() => (stored = history.GetSettlementsAsync(ct).GetAwaiter().GetResult()).Count > 0, "the missed result stored");

            Settlement settlement = Assert.Single(stored);
            Assert.Equal((Mapped, SettlementResult.No, "kalshi"), (settlement.Ticker, settlement.Result, settlement.Source));
            await host.StopAsync(ct);
        }
        finally
        {
            File.Delete(pemPath);
        }
    }
}
