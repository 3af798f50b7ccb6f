using System.Net.Http.Json;
using System.Text.Json;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Tests.Web;

/// <summary>/api/opportunities/history answers at most <c>limit</c> rows per page; following <c>next</c> reads every row once, in order.</summary>
public sealed class HistoryPagingTests : IDisposable
{
    private readonly DashboardFactory _factory = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Pages_of_two_walk_seven_rows_with_three_sharing_a_timestamp_exactly_once_each()
    {
        DateTime t0 = WebTestData.Now.AddMinutes(-30);
        // Timestamps: t0, t0+1s, t0+1s, t0+1s, t0+2s, t0+3s, t0+3s: the shared ones straddle page borders at limit 2.
        int[] offsets = [0, 1, 1, 1, 2, 3, 3];
        string[] ids = [.. offsets.Select((offset, i) => $"o{i}")];
        for (int i = 0; i < ids.Length; i++)
        {
            _factory.History.OnOpportunity(WebTestData.Opportunity(ids[i]) with { Ts = t0.AddSeconds(offsets[i]) });
        }

        using HttpClient client = _factory.CreateClient();
        var seen = new List<string>();
        var pageSizes = new List<int>();
        string url = "/api/opportunities/history?from=2026-11-29T19:00:00Z&to=2026-11-29T20:00:00Z&limit=2";
        string? next = null;
        do
        {
            JsonElement page = await client.GetFromJsonAsync<JsonElement>(next is null ? url : $"{url}&after={next}", _ct);
            JsonElement items = page.GetProperty("items");
            pageSizes.Add(items.GetArrayLength());
            seen.AddRange(items.EnumerateArray().Select(o => o.GetProperty("opportunityId").GetString()!));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }
        while (next is not null && pageSizes.Count < 10);

        Assert.Equal(ids, seen);
        Assert.Equal([2, 2, 2, 1], pageSizes);
    }
}
