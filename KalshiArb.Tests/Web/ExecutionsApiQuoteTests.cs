using System.Net.Http.Json;
using System.Text.Json;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.InMemory;
using KalshiArb.Tests.Storage;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using static KalshiArb.Tests.Storage.HistoryFixtures;

namespace KalshiArb.Tests.Web;

/// <summary>
/// <c>GET /api/executions</c> lists each fill with the Kalshi quote at its time (the in-memory history's as-of read over
/// <see cref="FillQuoteScenario"/>'s ticks) and the slippage in cents against it; <c>quoteAtFill</c> is null without a
/// tick within five minutes.
/// </summary>
public sealed class ExecutionsApiQuoteTests : IDisposable
{
    private readonly DashboardFactory _factory = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Each_execution_carries_the_quote_at_its_fill_and_the_slippage_against_it_or_null()
    {
        var history = new InMemoryHistoryStore(new InMemoryHistoryOptions { Retention = TimeSpan.FromDays(3650) }, new FakeTimeProvider(new DateTimeOffset(Noon.AddHours(2))));
        FillQuoteScenario.Feed(history);
        await FillQuoteScenario.RecordAsync(history, _ct);
        using HttpClient client = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IHistoryStore>();
            services.AddSingleton<IHistoryStore>(history);
        })).CreateClient();

        JsonElement page = await client.GetFromJsonAsync<JsonElement>("/api/executions?days=365&limit=1000", _ct);

        // Oldest first. e0 (11:00): the Lakers' first tick is 11:50, after it. e1 YES 0.45 at 11:55 vs the 11:54 ask 0.44: +1¢.
        // e2 NO 0.43 at 11:56 vs the Celtics' 11:55:30 bid 0.56, NO ask 1 − 0.56 = 0.44: −1¢. e3 YES 0.47 at 11:59 vs the
        // 11:54 ask (exactly 5 minutes, inside): +3¢. e6 one microsecond later: 11:54 is too old. e5 YES 0.525 at 12:09:30
        // vs the Celtics' 12:09 ask 0.52: +0.5¢. e4 (12:10): the Lakers' last tick is nearly 11 minutes old.
        (string, string?, decimal?, decimal?, decimal?, decimal?)[] expected =
        [
            ("e0", null, null, null, null, null),
            ("e1", "2026-11-29T11:54:00Z", 0.41m, 0.44m, 0.44m, 1m),
            ("e2", "2026-11-29T11:55:30Z", 0.56m, 0.60m, 0.44m, -1m),
            ("e3", "2026-11-29T11:54:00Z", 0.41m, 0.44m, 0.44m, 3m),
            ("e6", null, null, null, null, null),
            ("e5", "2026-11-29T12:09:00Z", 0.50m, 0.52m, 0.52m, 0.5m),
            ("e4", null, null, null, null, null),
        ];
        Assert.Equal(expected, page.GetProperty("items").EnumerateArray().Select(Quote).ToArray());
        // The execution's own fields are still there, unchanged.
        JsonElement first = page.GetProperty("items")[1];
        Assert.Equal(("KXNBAGAME-25NOV29LALBOS-LAL", "Yes", 0.45m), (first.GetProperty("kalshiTicker").GetString(), first.GetProperty("kalshiSide").GetString(), first.GetProperty("kalshiPrice").GetDecimal()));
    }

    private static (string, string?, decimal?, decimal?, decimal?, decimal?) Quote(JsonElement item)
    {
        string id = item.GetProperty("executionId").GetString()!;
        JsonElement quote = item.GetProperty("quoteAtFill");
        if (quote.ValueKind == JsonValueKind.Null)
        {
            return (id, null, null, null, null, null);
        }

        return (id, quote.GetProperty("ts").GetDateTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            quote.GetProperty("yesBid").GetDecimal(), quote.GetProperty("yesAsk").GetDecimal(), quote.GetProperty("quotedAsk").GetDecimal(),
            quote.GetProperty("slippageCents").GetDecimal());
    }
}
