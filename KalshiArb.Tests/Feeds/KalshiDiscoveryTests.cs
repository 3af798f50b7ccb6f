using System.Security.Cryptography;
using System.Text.Json;
using KalshiArb.Ingestion.Market;
using KalshiArb.Tests.Infrastructure;
using KalshiArb.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KalshiArb.Tests.Feeds;

/// <summary>Kalshi market discovery as the application runs it: one owner, one REST pass per round, its finds subscribed.</summary>
public sealed class KalshiDiscoveryTests
{
    private const string KeyId = "discovery-key";

    [Fact]
    public async Task Discovery_runs_once_per_round_and_fills_the_catalog_before_the_feed_subscribes()
    {
        await using var kalshi = await KalshiPipeline.StartAsync(discoveryInterval: "00:10:00");
        FakeKalshiServer server = kalshi.Server;
        await Poll.UntilAsync(() => server.CommandsOf(1, "subscribe").Count() >= 4, "four subscriptions ");

        // The first round is over before the feed connects: one REST call for the series, not one per component.
        Assert.Equal(1, server.DiscoveryCalls["KXNBAGAME"]);
        Assert.Contains("KXNBAGAME-26NOV30AB-A", kalshi.Catalog.KalshiMarkets.Select(m => m.Ticker));
        Assert.Contains("KXNBAGAME-26NOV30AB-A", Tickers(server.CommandsOf(1, "subscribe").First()));
    }

    [Fact]
    public async Task A_market_discovered_later_joins_the_live_subscriptions_and_the_catalog()
    {
        await using var kalshi = await KalshiPipeline.StartAsync(discoveryInterval: "00:00:00.2");
        FakeKalshiServer server = kalshi.Server;
        await Poll.UntilAsync(() => server.CommandsOf(1, "subscribe").Count() >= 4, "four subscriptions ");

        // The fake serves a second game from its second discovery call on; new markets join between messages.
        await Poll.UntilAsync(() => kalshi.Catalog.GetMarket("KXNBAGAME-26DEC01CD-C") is not null, "the later market in the catalog");
        long tickerSid = server.SidByChannel["ticker"];
        await server.SendAsync($$$"""{"type":"ticker","sid":{{{tickerSid}}},"msg":{"market_ticker":"KXNBAGAME-26NOV30AB-A","yes_bid_dollars":"0.4400"}}""");
        await Poll.UntilAsync(() => server.CommandsOf(1, "update_subscription").Count() >= 3, "add_markets on the three market channels");

        Assert.All(server.CommandsOf(1, "update_subscription").Take(3), c => Assert.Contains("KXNBAGAME-26DEC01CD-C", Tickers(c)));
        Assert.Equal(1, server.Connections);
    }

    private static IEnumerable<string?> Tickers(JsonElement command) =>
        command.GetProperty("params").GetProperty("market_tickers").EnumerateArray().Select(e => e.GetString());

    /// <summary>The whole application (feed host, Kalshi feed, its market provider) against a fake Kalshi.</summary>
    private sealed class KalshiPipeline : IAsyncDisposable
    {
        private readonly string _pemPath;
        private readonly RSA _publicKey;
        private readonly IHost _host;

        private KalshiPipeline(string pemPath, RSA publicKey, FakeKalshiServer server, IHost host)
        {
            _pemPath = pemPath;
            _publicKey = publicKey;
            Server = server;
            _host = host;
        }

        public FakeKalshiServer Server { get; }

        public MarketCatalog Catalog => _host.Services.GetRequiredService<MarketCatalog>();

        public static async Task<KalshiPipeline> StartAsync(string discoveryInterval)
        {
            string pemPath = Path.GetTempFileName();
            using var key = RSA.Create(2048);
            await File.WriteAllTextAsync(pemPath, key.ExportRSAPrivateKeyPem());
            // The fake checks every handshake's signature with it: it lives as long as the server.
            var publicKey = RSA.Create();
            publicKey.ImportFromPem(key.ExportSubjectPublicKeyInfoPem());
            FakeKalshiServer server = await FakeKalshiServer.StartAsync(publicKey, KeyId);
            IHost host = PipelineHost.Build(new Dictionary<string, string?>
            {
                ["Kalshi:ApiKeyId"] = KeyId,
                ["Kalshi:PrivateKeyPath"] = pemPath,
                ["Kalshi:WebSocketUrl"] = server.Url,
                ["Kalshi:RestUrl"] = server.RestUrl,
                ["Kalshi:SeriesTickers:0"] = "KXNBAGAME",
                ["Kalshi:DiscoveryInterval"] = discoveryInterval,
            });
            await host.StartAsync();
            return new KalshiPipeline(pemPath, publicKey, server, host);
        }

        public async ValueTask DisposeAsync()
        {
            await _host.StopAsync();
            await ((IAsyncDisposable)_host).DisposeAsync();
            await Server.DisposeAsync();
            _publicKey.Dispose();
            File.Delete(_pemPath);
        }
    }
}
