using System.Security.Cryptography;
using System.Threading.Channels;
using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Feeds.Kalshi;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Storage.InMemory;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

using KalshiArb.Tests.Infrastructure;

namespace KalshiArb.Tests.Feeds;

/// <summary>A running Kalshi client against a fake server, with a fresh RSA key whose PEM sits in a temp file.</summary>
internal sealed class KalshiFeedHarness : IAsyncDisposable
{
    public const string KeyId = "test-key-id";
    public const string Ticker = "KXNBAGAME-26NOV29LALBOS-BOS";

    private readonly RSA _key;
    private readonly string _pemPath;
    private readonly CancellationTokenSource _stop = new();

    private readonly HttpClient _http;
    private readonly KalshiRestClient _discovery;

    private KalshiFeedHarness(
        RSA key, string pemPath, FakeKalshiServer server, HttpClient http, KalshiRestClient discovery, KalshiFeed client, MarketCatalog catalog, EventCollector events)
    {
        _key = key;
        _pemPath = pemPath;
        _http = http;
        _discovery = discovery;
        Server = server;
        Client = client;
        Catalog = catalog;
        Events = events;
        Run = client.RunAsync(_stop.Token);
    }

    public FakeKalshiServer Server { get; }

    public KalshiFeed Client { get; }

    /// <summary>Where the feed's market provider puts the markets it discovers.</summary>
    public MarketCatalog Catalog { get; }

    public EventCollector Events { get; }

    public Task Run { get; }

    /// <param name="series">Series to discover over the fake server's REST endpoint; none by default.</param>
    /// <param name="serve">Sets up the fake before the feed's first discovery round.</param>
    /// <param name="useYesPrice">The order-book convention the client asks for; the tests that push raw JSON write NO levels on the NO leg.</param>
    public static async Task<KalshiFeedHarness> StartAsync(
        TimeSpan? silenceTimeout = null,
        List<string>? series = null,
        TimeSpan? discoveryInterval = null,
        bool useYesPrice = false,
        List<string>? tickers = null,
        ILogger<KalshiMarketProvider>? discoveryLogger = null,
        Action<FakeKalshiServer>? serve = null)
    {
        var key = RSA.Create(2048);
        string pemPath = System.IO.Path.GetTempFileName();
        await File.WriteAllTextAsync(pemPath, key.ExportRSAPrivateKeyPem());
        var publicKey = RSA.Create();
        publicKey.ImportFromPem(key.ExportSubjectPublicKeyInfoPem());
        FakeKalshiServer server = await FakeKalshiServer.StartAsync(publicKey, KeyId);
        serve?.Invoke(server);
        var options = new KalshiOptions
        {
            WebSocketUrl = server.Url,
            ApiKeyId = KeyId,
            PrivateKeyPath = pemPath,
            MarketTickers = tickers ?? [Ticker],
            UseYesPrice = useYesPrice,
            RestUrl = server.RestUrl,
            SeriesTickers = series ?? [],
            DiscoveryInterval = discoveryInterval ?? TimeSpan.Zero,
            SilenceTimeout = silenceTimeout ?? TimeSpan.FromSeconds(30),
            ReconnectMin = TimeSpan.FromMilliseconds(50),
            ReconnectMax = TimeSpan.FromMilliseconds(200),
        };
        Channel<MarketEvent> channel = Channel.CreateBounded<MarketEvent>(10_000);
        var http = new HttpClient();
        var discovery = new KalshiRestClient(http, Options.Create(options), TimeProvider.System, NullLogger<KalshiRestClient>.Instance);
        var catalog = new MarketCatalog();
        KalshiFeed client = CreateFeed(options, channel.Writer, discovery, catalog, discoveryLogger);
        return new KalshiFeedHarness(key, pemPath, server, http, discovery, client, catalog, new EventCollector(channel.Reader));
    }

    /// <summary>Waits until connection <paramref name="connection"/> has subscribed all four channels.</summary>
    public Task SubscribedAsync(int connection = 1) =>
        Poll.UntilAsync(() => Server.CommandsOf(connection, "subscribe").Count() >= 4, $"four subscribe commands on connection {connection}");

    public long OrderBookSid => Server.SidByChannel[KalshiChannels.OrderBook];

    /// <summary>The feed as the application builds it, with a market provider that fills <paramref name="catalog"/> and nothing mapped or stored.</summary>
    public static KalshiFeed CreateFeed(
        KalshiOptions options, ChannelWriter<MarketEvent> writer, KalshiRestClient rest, MarketCatalog catalog, ILogger<KalshiMarketProvider>? discoveryLogger = null)
    {
        IOptions<KalshiOptions> wrapped = Options.Create(options);
        var provider = new KalshiMarketProvider(
            rest,
            wrapped,
            catalog,
            new KalshiFeeDiscovery(rest, new FeeScheduleRegistry(catalog), new DetectionOptions(), NullLogger<KalshiFeeDiscovery>.Instance),
            new KalshiMissedResults(rest, new InMemoryHistoryStore(new InMemoryHistoryOptions(), TimeProvider.System), new MappingRegistry(), catalog, TimeProvider.System, NullLogger<KalshiMissedResults>.Instance),
            TimeProvider.System,
            discoveryLogger ?? NullLogger<KalshiMarketProvider>.Instance);
        return new KalshiFeed(wrapped, writer, provider, TimeProvider.System, NullLogger<KalshiFeed>.Instance, HistoricalSamples.Limits);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();

        // RunAsync must end quietly on cancellation: awaiting it rethrows anything else.
        await Run.WaitAsync(TimeSpan.FromSeconds(10));
        await Events.DisposeAsync();
        await Server.DisposeAsync();
        _discovery.Dispose();
        _http.Dispose();
        _key.Dispose();
        File.Delete(_pemPath);
        _stop.Dispose();
    }
}
