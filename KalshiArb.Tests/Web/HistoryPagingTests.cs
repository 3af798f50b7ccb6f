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

    [Fact]
    public async Task Executions_and_settlements_are_paged_the_same_way()
    {
        DateTime t0 = WebTestData.Now.AddDays(-2);
        int[] offsets = [0, 1, 1, 1, 2];
        for (int i = 0; i < offsets.Length; i++)
        {
            // Ids written out of order: within one timestamp the page order is by id.
            _factory.History.Executions.Add(Execution($"e{offsets.Length - 1 - i}", t0.AddSeconds(offsets[i])));
            _factory.History.Settlements.Add(new Settlement($"S{i}", SettlementResult.Yes, "kalshi", t0.AddSeconds(offsets[i])));
        }

        _factory.History.Executions.Add(Execution("old", WebTestData.Now.AddDays(-40))); // outside days=30

        using HttpClient client = _factory.CreateClient();
        (List<string> executions, List<int> executionPages) = await WalkAsync(client, "/api/executions?days=30&limit=2", "executionId");
        (List<string> settlements, List<int> settlementPages) = await WalkAsync(client, "/api/settlements?limit=2", "ticker");

        // e4 at t0; e1, e2, e3 share t0+1s (id order); e0 at t0+2s.
        Assert.Equal(["e4", "e1", "e2", "e3", "e0"], executions);
        Assert.Equal([2, 2, 1], executionPages);
        Assert.Equal(["S0", "S1", "S2", "S3", "S4"], settlements);
        Assert.Equal([2, 2, 1], settlementPages);
    }

    [Theory]
    [InlineData("/api/executions?limit=0", "limit")]
    [InlineData("/api/executions?limit=1001", "limit")]
    [InlineData("/api/executions?after=not-a-cursor", "after")]
    [InlineData("/api/settlements?limit=0", "limit")]
    [InlineData("/api/settlements?after=not-a-cursor", "after")]
    public async Task A_bad_limit_or_cursor_is_a_400_naming_the_field(string url, string field)
    {
        using HttpClient client = _factory.CreateClient();

        using HttpResponseMessage response = await client.GetAsync(new Uri(url, UriKind.Relative), _ct);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private static Execution Execution(string id, DateTime ts) =>
        Storage.HistoryFixtures.Execution(id, null, "KXNBA-LAL", Side.Yes, 0.45m, 1m, 0.01m, ts);

    private async Task<(List<string> Ids, List<int> PageSizes)> WalkAsync(HttpClient client, string url, string idProperty)
    {
        var ids = new List<string>();
        var sizes = new List<int>();
        string? next = null;
        do
        {
            JsonElement page = await client.GetFromJsonAsync<JsonElement>(next is null ? url : $"{url}&after={next}", _ct);
            JsonElement items = page.GetProperty("items");
            sizes.Add(items.GetArrayLength());
            ids.AddRange(items.EnumerateArray().Select(o => o.GetProperty(idProperty).GetString()!));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }
        while (next is not null && sizes.Count < 10);

        return (ids, sizes);
    }
}
