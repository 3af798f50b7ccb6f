using System.Threading.Channels;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Validation;
using Microsoft.Extensions.Logging;

namespace KalshiArb.Ingestion.Feeds.Odds;

/// <summary>
/// One round of polling: every configured sport once, in order. Each answer's quota headers are kept; a success is
/// parsed, its quotes written to the pipeline channel (awaiting backpressure) and its events put in the catalog.
/// A refusal that concerns the key (401, 429) ends the round: asking for the next sport would only make it worse.
/// </summary>
internal sealed class OddsApiRound(
    OddsApiHttp http,
    OddsApiOptions options,
    IngestionLimits limits,
    ChannelWriter<MarketEvent> writer,
    MarketCatalog catalog,
    FeedMetrics metrics,
    TimeProvider time,
    ILogger logger)
{
    private readonly Dictionary<string, IReadOnlyList<SportsEvent>> _eventsBySport = new(StringComparer.Ordinal);
    private volatile IReadOnlyList<SportsEvent> _events = [];
    private volatile OddsApiQuota _quota = new(double.NaN, double.NaN, double.NaN);
    private bool _quotaMissingLogged;

    /// <summary>The events of the latest successful poll of each sport.</summary>
    public IReadOnlyList<SportsEvent> Events => _events;

    /// <summary>The latest value of each quota header (NaN before the first).</summary>
    public OddsApiQuota Quota => _quota;

    /// <summary>What the last round cost: x-requests-last of each success, or markets × regions where it is missing.</summary>
    public double Credits { get; private set; }

    public async Task<OddsApiPollOutcome> RunAsync(CancellationToken ct)
    {
        Credits = 0;
        foreach (string sport in options.Sports)
        {
            OddsApiPollOutcome outcome = await PollSportAsync(sport, ct).ConfigureAwait(false);
            if (outcome != OddsApiPollOutcome.Done)
            {
                return outcome;
            }
        }

        return OddsApiPollOutcome.Done;
    }

    private async Task<OddsApiPollOutcome> PollSportAsync(string sport, CancellationToken ct)
    {
        string path = OddsApiHttp.Path(sport);
        OddsApiResponse response;
        try
        {
            response = await http.GetOddsAsync(sport, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            metrics.SetState(false, "unreachable", ex.Message);
            OddsApiLog.Unreachable(logger, path, ex.Message);
            return OddsApiPollOutcome.RetryLater;
        }

        KeepQuota(response.Quota);
        if (OddsApiRefusal.Of(response, path, options.OutOfCreditsRetry) is { } refusal)
        {
            Report(refusal, path);
            return refusal.Outcome;
        }

        Credits += double.IsNaN(response.Quota.Last) ? options.CreditsPerRequest : response.Quota.Last;
        DateTime receivedAt = time.GetUtcNow().UtcDateTime;
        OddsApiParseResult parsed = OddsApiParser.Parse(response.Body, receivedAt, options.DevigMethod, limits);
        if (parsed.BodyError is not null)
        {
            metrics.ParseError($"{path}: {parsed.BodyError}");
            OddsApiLog.BodySkipped(logger, path, parsed.BodyError);
            return OddsApiPollOutcome.Done;
        }

        foreach (string error in parsed.Errors)
        {
            metrics.ParseError(error);
            OddsApiLog.Skipped(logger, path, error);
        }

        Publish(sport, parsed.Events);
        foreach (SportsbookQuote quote in parsed.Quotes)
        {
            TimeSpan lag = receivedAt - quote.ExchangeTs;
            metrics.MessageReceived(lag > TimeSpan.Zero ? lag : TimeSpan.Zero);
            await writer.WriteAsync(quote, ct).ConfigureAwait(false);
        }

        if (_quota.Remaining <= 0)
        {
            // Every further request would be refused or billed over quota: wait with backoff instead.
            metrics.SetState(false, "quota exhausted", "x-requests-remaining is 0");
            OddsApiLog.QuotaExhausted(logger);
            return OddsApiPollOutcome.RetryLater;
        }

        NoteQuotaHeaders(response.Quota, path);
        metrics.SetState(true, double.IsNaN(_quota.Remaining) ? "polling; quota unknown (no x-requests-remaining header yet)" : "polling");
        return OddsApiPollOutcome.Done;
    }

    private void Report(OddsApiRefusal refusal, string path)
    {
        if (refusal.Outcome == OddsApiPollOutcome.Done)
        {
            metrics.ParseError(refusal.Error);
        }
        else
        {
            metrics.SetState(false, refusal.State, refusal.Error);
        }

        if (refusal.Outcome == OddsApiPollOutcome.Stop)
        {
            OddsApiLog.KeyRefused(logger, refusal.Error);
        }
        else
        {
            OddsApiLog.Refused(logger, path, refusal.Error, refusal.State);
        }
    }

    /// <summary>
    /// A success without the quota headers is polled on as usual (pacing falls back to the configured credits per
    /// request) but logged, once until an answer carries them again: a proxy stripping them would otherwise log every poll.
    /// </summary>
    private void NoteQuotaHeaders(OddsApiQuota latest, string path)
    {
        bool missing = double.IsNaN(latest.Remaining) || double.IsNaN(latest.Used);
        if (missing && !_quotaMissingLogged)
        {
            OddsApiLog.QuotaHeadersMissing(logger, path);
        }

        _quotaMissingLogged = missing;
    }

    /// <summary>A header missing from this answer keeps its previous value.</summary>
    private void KeepQuota(OddsApiQuota latest)
    {
        OddsApiQuota kept = _quota;
        _quota = new OddsApiQuota(
            double.IsNaN(latest.Remaining) ? kept.Remaining : latest.Remaining,
            double.IsNaN(latest.Used) ? kept.Used : latest.Used,
            double.IsNaN(latest.Last) ? kept.Last : latest.Last);
    }

    private void Publish(string sport, IReadOnlyList<SportsEvent> events)
    {
        lock (_eventsBySport)
        {
            _eventsBySport[sport] = events;
            _events = [.. _eventsBySport.Values.SelectMany(e => e)];
        }

        foreach (SportsEvent sportsEvent in events)
        {
            catalog.Upsert(sportsEvent);
        }
    }
}
