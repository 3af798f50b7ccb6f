using System.Text;
using KalshiArb.Ingestion.Feeds.Odds;

namespace KalshiArb.Tests.Feeds;

/// <summary>What each answer of The Odds API v4 means for polling, from its status and error_code (the v4 error-code page).</summary>
public sealed class OddsApiRefusalTests
{
    private const string Path = "/v4/sports/basketball_nba/odds";

    [Theory]
    [InlineData(401, "MISSING_KEY", "Stop")]
    [InlineData(401, "INVALID_KEY", "Stop")]
    [InlineData(401, "DEACTIVATED_KEY", "Stop")]
    [InlineData(401, "OUT_OF_USAGE_CREDITS", "OutOfCredits")]
    [InlineData(401, "SOMETHING_NEW", "RetryLater")]
    [InlineData(429, "EXCEEDED_FREQ_LIMIT", "RetryLater")]
    [InlineData(500, null, "RetryLater")]
    [InlineData(503, null, "RetryLater")]
    [InlineData(422, "INVALID_MARKET", "Done")]
    [InlineData(404, "UNKNOWN_SPORT", "Done")]
    public void A_refusal_is_read_from_its_status_and_error_code(int status, string? code, string expected)
    {
        OddsApiRefusal? refusal = OddsApiRefusal.Of(Answer(status, code), Path, TimeSpan.FromMinutes(30));

        Assert.NotNull(refusal);
        Assert.Equal(expected, refusal.Outcome.ToString());
    }

    [Fact]
    public void A_success_is_no_refusal_and_a_bad_key_is_named_on_health()
    {
        Assert.Null(OddsApiRefusal.Of(Answer(200, null), Path, TimeSpan.FromMinutes(30)));

        OddsApiRefusal stop = OddsApiRefusal.Of(Answer(401, "INVALID_KEY"), Path, TimeSpan.FromMinutes(30))!;
        Assert.Equal("stopped: invalid Odds API key (INVALID_KEY)", stop.State);
        OddsApiRefusal wait = OddsApiRefusal.Of(Answer(401, "OUT_OF_USAGE_CREDITS"), Path, TimeSpan.FromMinutes(30))!;
        Assert.Contains("asking again every 30 min", wait.State, StringComparison.Ordinal);
    }

    private static OddsApiResponse Answer(int status, string? code) =>
        new(status, code is null ? [] : Encoding.UTF8.GetBytes($$"""{"message":"refused","error_code":"{{code}}"}"""), new OddsApiQuota(double.NaN, double.NaN, double.NaN));
}
