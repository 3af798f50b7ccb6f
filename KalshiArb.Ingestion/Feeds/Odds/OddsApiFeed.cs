using System.Threading.Channels;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KalshiArb.Ingestion.Feeds.Odds;

/// <summary>
/// The Odds API v4 feed, split as the Kalshi adapter is: <see cref="OddsApiHttp"/> (transport: the request, gzip,
/// quota headers), <see cref="OddsApiParser"/> and <see cref="OddsApiRefusal"/> (protocol: the body and the error
/// codes), and this class with <see cref="OddsApiRound"/> (the feed: rounds of polling spaced to stay within
/// <see cref="OddsApiOptions.MonthlyCreditBudget"/>, backing off exponentially on 429, 5xx and network failures,
/// waiting out spent credits, stopping on a bad key).
/// </summary>
internal sealed class OddsApiFeed : IMarketFeed
{
    public const string FeedName = "odds";

    private readonly OddsApiOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OddsApiFeed> _logger;
    private readonly OddsApiRound _round;
    private double _creditsPerRound = double.NaN;
    private long _pacedIntervalTicks;

    public OddsApiFeed(
        HttpClient http,
        IOptions<OddsApiOptions> options,
        ChannelWriter<MarketEvent> writer,
        MarketCatalog catalog,
        TimeProvider time,
        ILogger<OddsApiFeed> logger,
        IngestionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _logger = logger;
        Metrics = new FeedMetrics(FeedName, time);
        _round = new OddsApiRound(new OddsApiHttp(http, _options), _options, limits, writer, catalog, Metrics, time, logger);
    }

    public string Name => FeedName;

    public FeedMetrics Metrics { get; }

    public string? OffReason => _options.HasKey ? null : "off: no Odds API key (Odds:ApiKey)";

    /// <summary>The events of the latest successful poll of each sport.</summary>
    public IReadOnlyList<SportsEvent> Events => _round.Events;

    /// <summary>Polls until cancelled, the key is refused (401) or the pipeline channel closes; never throws.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        if (!_options.HasKey)
        {
            Metrics.SetState(false, "disabled: no Odds API key configured");
            OddsApiLog.NoKey(_logger);
            return;
        }

        int failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            OddsApiPollOutcome outcome;
            try
            {
                outcome = await _round.RunAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (ChannelClosedException)
            {
                Metrics.SetState(false, "stopped: pipeline channel closed");
                return;
            }
            catch (Exception ex)
            {
                // A defect, not a venue problem: log it in full and keep the feed alive with backoff.
                OddsApiLog.FailedUnexpectedly(_logger, ex);
                Metrics.SetState(false, "poll failed", ex.Message);
                outcome = OddsApiPollOutcome.RetryLater;
            }

            if (outcome == OddsApiPollOutcome.Stop)
            {
                return;
            }

            TimeSpan delay = outcome switch
            {
                OddsApiPollOutcome.RetryLater => ExponentialBackoff.Delay(failures++, _options.RetryMin, _options.RetryMax, Random.Shared.NextDouble()),
                OddsApiPollOutcome.OutOfCredits => _options.OutOfCreditsRetry,
                _ => PacedInterval(),
            };
            if (outcome == OddsApiPollOutcome.Done)
            {
                failures = 0;
            }

            try
            {
                await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Metrics.SetState(false, "stopped");
    }

    public ComponentHealth GetHealth()
    {
        ComponentHealth health = Metrics.GetHealth();
        if (!_options.HasKey)
        {
            health = health with { Level = HealthLevel.Disabled };
        }

        OddsApiQuota quota = _round.Quota;
        var figures = new Dictionary<string, double>(health.Figures)
        {
            ["requests_remaining"] = quota.Remaining,
            ["requests_used"] = quota.Used,
            ["requests_last"] = quota.Last,
            ["credit_budget_month"] = _options.MonthlyCreditBudget,
            ["credits_per_round"] = Volatile.Read(ref _creditsPerRound),
            ["round_interval_s"] = TimeSpan.FromTicks(Interlocked.Read(ref _pacedIntervalTicks)).TotalSeconds,
            ["events"] = _round.Events.Count,
        };
        return health with { Figures = figures };
    }

    /// <summary>The pause after a complete round: the budget's pace for what the round cost, at least the poll interval.</summary>
    private TimeSpan PacedInterval()
    {
        TimeSpan interval = OddsApiPacing.Interval(_round.Credits, _options.MonthlyCreditBudget, _options.PollInterval);
        Volatile.Write(ref _creditsPerRound, _round.Credits);
        Interlocked.Exchange(ref _pacedIntervalTicks, interval.Ticks);
        return interval;
    }
}
