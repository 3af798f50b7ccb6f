namespace KalshiArb.Ingestion.Feeds.Odds;

/// <summary>
/// An answer that is not a success, read per The Odds API v4: what it means for polling (<see cref="Outcome"/>), the
/// health message (<see cref="State"/>) and the error shown beside it. Pure.
/// </summary>
internal sealed record OddsApiRefusal(OddsApiPollOutcome Outcome, string State, string Error)
{
    /// <summary>Null for a success (2xx); otherwise the refusal. The key never appears in what is returned.</summary>
    public static OddsApiRefusal? Of(OddsApiResponse response, string path, TimeSpan outOfCreditsRetry)
    {
        ArgumentNullException.ThrowIfNull(response);
        int status = response.Status;
        if (status == 401)
        {
            string? code = OddsApiErrorCode.Read(response.Body);
            string error = $"401 {code}";
            if (OddsApiErrorCode.IsBadKey(code))
            {
                return new(OddsApiPollOutcome.Stop, $"stopped: invalid Odds API key ({code})", error);
            }

            if (code == OddsApiErrorCode.OutOfUsageCredits)
            {
                return new(OddsApiPollOutcome.OutOfCredits, $"waiting: usage credits spent ({code}); asking again every {outOfCreditsRetry.TotalMinutes:0.#} min", error);
            }

            // A refusal that does not say the key is bad passes with time: back off rather than stop.
            return new(OddsApiPollOutcome.RetryLater, $"backing off: 401 {code ?? "without error_code"}", error);
        }

        if (status == 429 || status >= 500)
        {
            return new(OddsApiPollOutcome.RetryLater, "backing off", $"{path} answered {status}");
        }

        // 4xx about this request (unknown sport, bad market): counted, and polling goes on with the other sports.
        return status is >= 200 and < 300 ? null : new(OddsApiPollOutcome.Done, "skipping this sport for now", $"{path} answered {status}");
    }
}
