using System.Net;
using System.Text.Json;
using KalshiArb.Tests.Infrastructure;

namespace KalshiArb.Tests.Web;

/// <summary>/api/health keeps answering 200 and names the failing dependency while the Odds API cannot be reached.</summary>
public sealed class HealthApiTests
{
    [Fact]
    public async Task With_the_odds_api_down_health_answers_200_and_reports_the_odds_feed()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string directory = Directory.CreateTempSubdirectory("kalshiarb-health-").FullName;
        try
        {
            await using var app = new FullAppFactory(new Dictionary<string, string>
            {
                ["Odds:ApiKey"] = "test-key",
                ["Odds:BaseUrl"] = $"http://127.0.0.1:{FreePort.Next()}",
                ["Simulator:Enabled"] = "on",
                ["QuestDb:Mode"] = "Off",
                ["QuestDb:SpoolDirectory"] = Path.Combine(directory, "spool"),
                ["Redis:Mode"] = "Off",
                ["Auth:GeneratedUserFile"] = Path.Combine(directory, "auth.json"),
                ["Auth:InitialPasswordFile"] = Path.Combine(directory, "initial-admin-password.txt"),
                ["Auth:KeysDirectory"] = Path.Combine(directory, "keys"),
            });
            using HttpClient client = app.CreateClient();

            using HttpResponseMessage response = await client.GetAsync(new Uri("/api/health", UriKind.Relative), ct);
            string body = await response.Content.ReadAsStringAsync(ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            JsonElement odds = JsonDocument.Parse(body).RootElement.GetProperty("components").EnumerateArray()
                .Single(c => c.GetProperty("component").GetString() == "feed:odds");
            Assert.NotEqual("Healthy", odds.GetProperty("level").GetString());
            Assert.False(odds.GetProperty("figures").TryGetProperty("requests_remaining", out _)); // unknown until the API answers
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
