using System.Threading.Channels;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// The live Kalshi feed, three parts as trading engines split an adapter: the <see cref="KalshiMarketProvider"/>
/// (what to watch, fees, missed results, over REST), the <see cref="KalshiSocket"/> (the signed connection, kept
/// open) and the <see cref="KalshiSession"/> (subscriptions, sequencing, parsing). Events are written to the
/// pipeline channel, awaiting backpressure rather than dropping.
/// </summary>
internal sealed class KalshiFeed : IMarketFeed
{
    public const string FeedName = "kalshi";

    private readonly KalshiOptions _options;
    private readonly ChannelWriter<MarketEvent> _writer;
    private readonly KalshiMarketProvider _markets;
    private readonly TimeProvider _time;
    private readonly ILogger<KalshiFeed> _logger;
    private readonly KalshiSession _session;

    public KalshiFeed(
        IOptions<KalshiOptions> options,
        ChannelWriter<MarketEvent> writer,
        KalshiMarketProvider markets,
        TimeProvider time,
        ILogger<KalshiFeed> logger,
        IngestionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _writer = writer;
        _markets = markets;
        _time = time;
        _logger = logger;
        Metrics = new FeedMetrics(FeedName, time);
        _session = new KalshiSession(_options, markets, writer, Metrics, time, logger, limits);
    }

    public string Name => FeedName;

    public FeedMetrics Metrics { get; }

    public string? OffReason => _options.HasCredentials
        ? null
        : "off: no Kalshi credentials (Kalshi:ApiKeyId and Kalshi:PrivateKeyPath or KALSHI_PRIVATE_KEY)";

    /// <summary>
    /// The feed's metrics as health, with the discovered markets skipped for an unreadable line;
    /// <see cref="HealthLevel.Disabled"/> when no credentials are configured.
    /// </summary>
    public ComponentHealth GetHealth()
    {
        ComponentHealth metrics = Metrics.GetHealth();
        ComponentHealth health = metrics with
        {
            Figures = new Dictionary<string, double>(metrics.Figures) { ["skipped_markets"] = _markets.SkippedMarkets },
        };
        return _options.HasCredentials ? health : health with { Level = HealthLevel.Disabled };
    }

    /// <summary>Runs until cancelled. Never throws for network or data problems: they are logged, counted and retried.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        if (!_options.HasCredentials)
        {
            Metrics.SetState(false, "disabled: no Kalshi API key configured");
            KalshiLog.NoCredentials(_logger);
            return;
        }

        KalshiRequestSigner signer;
        try
        {
            signer = KalshiRequestSigner.FromOptions(_options);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Metrics.SetState(false, "disabled: private key unusable", ex.Message);
            KalshiLog.KeyUnusable(_logger, ex.Message);
            return;
        }

        using (signer)
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping))
        {
            Task discovering = _markets.RunAsync(_writer, stop.Token);
            try
            {
                await _markets.FirstRound.WaitAsync(stopping).ConfigureAwait(false);
                await new KalshiSocket(_options, _session, Metrics, _time, _logger).RunAsync(signer, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Stopping is the normal way out.
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await discovering.ConfigureAwait(false);
            }
        }

        Metrics.SetState(false, "stopped");
    }
}
