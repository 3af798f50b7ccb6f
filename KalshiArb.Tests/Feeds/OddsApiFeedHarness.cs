using System.Threading.Channels;
using KalshiArb.Ingestion.Feeds.Odds;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KalshiArb.Tests.Feeds;

/// <summary>An odds feed polling a <see cref="FakeOddsServer"/>, its events collected from the channel; disposing stops it.</summary>
internal sealed class OddsApiFeedHarness : IAsyncDisposable
{
    private readonly HttpClient _http = new();
    private readonly CancellationTokenSource _stop = new();

    private OddsApiFeedHarness(OddsApiOptions options, ILogger<OddsApiFeed>? logger)
    {
        Channel<MarketEvent> channel = Channel.CreateBounded<MarketEvent>(10_000);
        Feed = new OddsApiFeed(_http, Options.Create(options), channel.Writer, Catalog, TimeProvider.System, logger ?? NullLogger<OddsApiFeed>.Instance, HistoricalSamples.Limits);
        Events = new EventCollector(channel.Reader);
        Run = Feed.RunAsync(_stop.Token);
    }

    public OddsApiFeed Feed { get; }

    public MarketCatalog Catalog { get; } = new();

    public EventCollector Events { get; }

    public Task Run { get; }

    public static OddsApiFeedHarness Start(FakeOddsServer server, Action<OddsApiOptions> configure, ILogger<OddsApiFeed>? logger = null)
    {
        var options = new OddsApiOptions
        {
            BaseUrl = server.BaseUrl,
            ApiKey = "test-odds-key",
            Sports = ["basketball_nba"],
            PollInterval = TimeSpan.FromHours(1),
            RetryMin = TimeSpan.FromMilliseconds(50),
            RetryMax = TimeSpan.FromSeconds(1),

            // No pacing unless a test asks for it: these tests are about other things.
            MonthlyCreditBudget = int.MaxValue,
        };
        configure(options);
        return new OddsApiFeedHarness(options, logger);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(TimeSpan.FromSeconds(10));
        await Events.DisposeAsync();
        _http.Dispose();
        _stop.Dispose();
    }
}
