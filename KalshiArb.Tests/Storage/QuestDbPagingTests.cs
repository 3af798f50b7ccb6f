using System.Diagnostics;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Infrastructure;
using KalshiArb.Web.Api;
using static KalshiArb.Tests.Storage.HistoryFixtures;

namespace KalshiArb.Tests.Storage;

/// <summary>
/// The paged history reads behind the REST API against a real QuestDB (see <see cref="QuestDbFixture"/>): following
/// the cursor reads every row exactly once, in order, across page borders that split rows sharing a timestamp; and a
/// read cancelled mid-stream stops at once and leaves the store's connection pool usable.
/// </summary>
[Trait("Category", "QuestDb")]
[Collection(QuestDbServerCollection.Name)]
public sealed class QuestDbPagingTests(QuestDbFixture questDb) : IAsyncLifetime
{
    private readonly QuestDbTestStores _stores = new(questDb);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _stores.DisposeAsync();

    private async Task<QuestDbHistoryStore> NewStoreAsync(int? maxPoolSize = null)
    {
        QuestDbOptions options = _stores.NewOptions();
        if (maxPoolSize is { } pool)
        {
            options.PgConnectionString += $";Maximum Pool Size={pool}";
        }

        return await QuestDbHistoryStore.CreateAsync(options, TimeProvider.System, null, _ct);
    }

    [Fact]
    public async Task Paged_reads_return_every_row_once_in_order_across_page_borders()
    {
        await using QuestDbHistoryStore store = await NewStoreAsync();
        // Offsets in seconds: three rows share +1 s and two share +3 s, so pages of 2 split both groups.
        int[] offsets = [0, 1, 1, 1, 2, 3, 3];
        for (int i = 0; i < offsets.Length; i++)
        {
            store.OnOpportunity(Opportunity($"o{i}", OpportunityState.Open, "T", Noon.AddSeconds(offsets[i])));
            await store.RecordExecutionAsync(Execution($"e{i}", null, "T", Side.Yes, 0.45m, 1m, 0.01m, Noon.AddSeconds(offsets[i])), _ct);
            await store.RecordSettlementAsync(new Settlement($"S{i}", SettlementResult.Yes, "kalshi", Noon.AddSeconds(offsets[i])), _ct);
        }

        // A correction supersedes S0: the page read shows it once, at its new time, with its new result.
        await store.RecordSettlementAsync(new Settlement("S0", SettlementResult.Void, "manual:admin", Noon.AddSeconds(5)), _ct);
        await store.Writer.FlushAsync(_ct);
        await store.WaitForWalAppliedAsync(TimeSpan.FromSeconds(30), _ct);
        DateTime from = Noon.AddMinutes(-1), to = Noon.AddMinutes(1);

        (List<Opportunity> opportunities, List<int> opportunityPages) = await WalkAsync(
            from, to, (c, take) => store.StreamOpportunitiesAsync(c.Ts, to, null, c.Skip, take, _ct), o => o.Ts);
        (List<Opportunity> forTicker, _) = await WalkAsync(
            from, to, (c, take) => store.StreamOpportunitiesAsync(c.Ts, to, "T", c.Skip, take, _ct), o => o.Ts);
        (List<Execution> executions, List<int> executionPages) = await WalkAsync(
            from, to, (c, take) => store.StreamExecutionsAsync(c.Ts, to, c.Skip, take, _ct), e => e.Ts);
        (List<Settlement> settlements, List<int> settlementPages) = await WalkAsync(
            from, to, (c, take) => store.StreamSettlementsAsync(c.Ts, c.Skip, take, _ct), s => s.Ts);

        string[] ids = [.. offsets.Select((_, i) => $"o{i}")];
        Assert.Equal(ids, opportunities.Select(o => o.OpportunityId).Order(StringComparer.Ordinal));
        Assert.Equal(offsets.Select(s => Noon.AddSeconds(s)), opportunities.Select(o => o.Ts));
        Assert.Equal([2, 2, 2, 1], opportunityPages);
        Assert.Equal(opportunities.Select(o => o.OpportunityId), forTicker.Select(o => o.OpportunityId));

        // Executions: by time, then id within a time; all seven once.
        Assert.Equal(["e0", "e1", "e2", "e3", "e4", "e5", "e6"], executions.Select(e => e.ExecutionId));
        Assert.Equal([2, 2, 2, 1], executionPages);

        // Settlements: S1..S6 as written, then S0's correction at +5 s (after S5 and S6 at +3 s).
        Assert.Equal(["S1", "S2", "S3", "S4", "S5", "S6", "S0"], settlements.Select(s => s.Ticker));
        Assert.Equal((SettlementResult.Void, "manual:admin"), (settlements[^1].Result, settlements[^1].Source));
        Assert.Equal([2, 2, 2, 1], settlementPages);
    }

    [Fact]
    public async Task A_history_read_cancelled_mid_stream_stops_at_once_and_the_pool_stays_usable()
    {
        await using QuestDbHistoryStore store = await NewStoreAsync(maxPoolSize: 3);
        const int rows = 50_000;
        for (int i = 0; i < rows; i++)
        {
            store.OnOpportunity(Opportunity($"o{i}", OpportunityState.Open, "T", Noon.AddMilliseconds(i)));
        }

        await store.Writer.FlushAsync(_ct);
        await store.WaitForWalAppliedAsync(TimeSpan.FromSeconds(60), _ct);
        DateTime to = Noon.AddHours(1);

        // More cancelled reads than the pool would survive if a cancelled read kept its connection (pool of 3 below).
        for (int round = 0; round < 8; round++)
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_ct);
            int read = 0;
            var stopwatch = Stopwatch.StartNew();
            Exception? error = await Record.ExceptionAsync(async () =>
            {
                await foreach (Opportunity _ in store.StreamOpportunitiesAsync(Noon, to, null, 0, rows, cancel.Token))
                {
                    if (++read == 10)
                    {
                        await cancel.CancelAsync();
                    }
                }
            });

            Assert.True(error is OperationCanceledException, $"round {round}: {read} rows read, then {error?.ToString() ?? "no error"}");
            Assert.InRange(read, 10, rows - 1); // stopped before the end of the result
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"cancelling took {stopwatch.Elapsed}");
        }

        // The store still answers, through the same pool.
        List<Opportunity> page = [];
        await foreach (Opportunity opportunity in store.StreamOpportunitiesAsync(Noon, to, null, rows - 3, 10, _ct))
        {
            page.Add(opportunity);
        }

        Assert.Equal([$"o{rows - 3}", $"o{rows - 2}", $"o{rows - 1}"], page.Select(o => o.OpportunityId));
    }

    /// <summary>Follows the API's cursor (<see cref="HistoryPage{T}"/>) with pages of two until the last page.</summary>
    private static async Task<(List<T> Rows, List<int> PageSizes)> WalkAsync<T>(
        DateTime from, DateTime to, Func<HistoryCursor, int, IAsyncEnumerable<T>> read, Func<T, DateTime> tsOf)
    {
        const int pageSize = 2;
        var rows = new List<T>();
        var sizes = new List<int>();
        HistoryCursor cursor = new(from, 0);
        while (sizes.Count < 20)
        {
            var page = new HistoryPage<T>(read(cursor, pageSize + 1), pageSize, cursor, tsOf);
            int before = rows.Count;
            await foreach (T row in page.Items)
            {
                rows.Add(row);
            }

            sizes.Add(rows.Count - before);
            if (page.Next is not { } next)
            {
                break;
            }

            cursor = HistoryCursor.TryDecode(next)!.Value;
            Assert.InRange(cursor.Ts, from, to);
        }

        return (rows, sizes);
    }
}
