namespace KalshiArb.Ingestion.Feeds.Odds;

/// <summary>What a poll means for the next one: go on at the paced interval, back off, wait for the quota, or stop.</summary>
internal enum OddsApiPollOutcome
{
    Done,
    RetryLater,
    OutOfCredits,
    Stop,
}
