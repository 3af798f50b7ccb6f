using System.Diagnostics;
using System.Net;
using KalshiArb.Tests.Web;

namespace KalshiArb.Tests.Fault;

/// <summary>
/// 32 clients hammer a week of opportunity history (100,000 rows) for 8 s over loopback while the home page is
/// fetched: the process's managed memory stays bounded (paged, streamed answers), no request fails with a 5xx, and the
/// home page keeps answering. The rate limits are raised here so the pages themselves are measured, not the limiter.
/// </summary>
[Trait("Category", "Fault")]
public sealed class HistoryLoadFaultTests
{
    private const int Rows = 100_000;
    private const int Clients = 32;

    [Fact]
    public async Task Memory_stays_bounded_and_the_home_page_answers_while_history_is_hammered()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var factory = new DashboardFactory
        {
            Settings =
            {
                ["RateLimits:ReadsPerSecond"] = "100000",
                ["RateLimits:ReadBurst"] = "100000",
                ["RateLimits:HistoryQueriesPerClient"] = "1000",
                ["RateLimits:HistoryQueriesTotal"] = "1000",
            },
        };
        DateTime start = WebTestData.Now.AddDays(-7);
        for (int i = 0; i < Rows; i++)
        {
            factory.History.OnOpportunity(WebTestData.Opportunity($"load-{i}") with { Ts = start.AddSeconds(i * 6) });
        }

        using HttpClient client = factory.CreateClient();
        using (HttpResponseMessage warm = await client.GetAsync(new Uri("/", UriKind.Relative), ct))
        {
            warm.EnsureSuccessStatusCode();
        }

        GC.Collect();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        long peak = before;
        int served = 0;
        int failed = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(TimeSpan.FromSeconds(8));
        string url = $"/api/opportunities/history?from={start:O}&to={WebTestData.Now:O}&limit=1000";
        Task[] hammers = [.. Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using HttpResponseMessage response = await client.GetAsync(new Uri(url, UriKind.Relative), stop.Token);
                    await response.Content.ReadAsByteArrayAsync(stop.Token);
                    Interlocked.Increment(ref (int)response.StatusCode >= 500 ? ref failed : ref served);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
            }
        }, ct))];
        var homeTimes = new List<double>();
        while (!stop.IsCancellationRequested)
        {
            long t = Stopwatch.GetTimestamp();
            using HttpResponseMessage home = await client.GetAsync(new Uri("/", UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            homeTimes.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
            await Task.Delay(200, ct);
        }

        await Task.WhenAll(hammers);
        double growthMb = (peak - before) / 1048576.0;
        homeTimes.Sort();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"history load: {served} pages of 1000 served, {failed} 5xx, managed heap {before / 1048576.0:0} MB -> peak {peak / 1048576.0:0} MB, " +
            $"home page median {homeTimes[homeTimes.Count / 2]:0} ms, max {homeTimes[^1]:0} ms over {homeTimes.Count} fetches");

        Assert.Equal(0, failed);
        Assert.True(served > 0, "no page was served");
        // One page is 1000 rows (about 1 MB of JSON); 32 in flight plus the 100,000 stored rows' copies stay far below this (one unpaged week was tens of MB per request, GBs at this concurrency).
        Assert.True(growthMb < 600, $"managed memory grew by {growthMb:0} MB under load");
    }
}
