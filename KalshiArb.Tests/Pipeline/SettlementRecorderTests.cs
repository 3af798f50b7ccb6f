using System.Reflection;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.InMemory;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace KalshiArb.Tests.Pipeline;

public sealed class SettlementRecorderTests
{
    private static readonly DateTime T0 = new(2026, 11, 29, 23, 0, 0, DateTimeKind.Utc);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static MarketStatusChanged Status(string ticker, string status, SettlementResult? result, int minute) =>
        new(ticker, status, T0.AddMinutes(minute), T0.AddMinutes(minute).AddMilliseconds(20), result);

    private static InMemoryHistoryStore NewMemoryStore() => new(new InMemoryHistoryOptions(), TimeProvider.System);

    private static SettlementRecorder NewRecorder(IHistoryStore store) =>
        new(store, TimeProvider.System, NullLogger<SettlementRecorder>.Instance, maxAttempts: 3, firstRetryDelay: TimeSpan.FromMilliseconds(10));

    [Fact]
    public async Task Records_one_settlement_per_market_and_result_and_ignores_everything_else()
    {
        InMemoryHistoryStore store = NewMemoryStore();
        await using SettlementRecorder recorder = NewRecorder(store);

        recorder.OnMarketEvent(Status("A", "closed", null, 0));
        recorder.OnMarketEvent(Status("A", "determined", SettlementResult.Yes, 1));
        recorder.OnMarketEvent(Status("A", "finalized", SettlementResult.Yes, 2));
        recorder.OnMarketEvent(Status("B", "determined", SettlementResult.Void, 3));
        recorder.OnMarketEvent(Status("B", "determined", SettlementResult.Void, 3));
        recorder.OnMarketEvent(new KalshiTick("C", 0.40m, 0.45m, 1m, 1m, null, 0m, 0m, T0, T0));

        await Poll.UntilAsync(() => recorder.GetHealth().Figures["settlements_pending"] == 0 && recorder.Recorded == 2, "two settlements written");
        IReadOnlyList<Settlement> stored = await store.GetSettlementsAsync(_ct);
        Assert.Equal(
            [new Settlement("A", SettlementResult.Yes, "kalshi", T0.AddMinutes(1)), new Settlement("B", SettlementResult.Void, "kalshi", T0.AddMinutes(3))],
            stored.OrderBy(s => s.Ticker, StringComparer.Ordinal));
        Assert.Equal((2, 0, 2), (recorder.Recorded, recorder.Failed, recorder.Duplicates));
        Assert.Equal(HealthLevel.Healthy, recorder.GetHealth().Level);
    }

    [Fact]
    public async Task A_changed_result_is_recorded_again_and_supersedes()
    {
        InMemoryHistoryStore store = NewMemoryStore();
        await using SettlementRecorder recorder = NewRecorder(store);

        recorder.OnMarketEvent(Status("A", "determined", SettlementResult.Yes, 1));
        await Poll.UntilAsync(() => recorder.Recorded == 1, "the first result written");
        recorder.OnMarketEvent(Status("A", "determined", SettlementResult.No, 5));
        await Poll.UntilAsync(() => recorder.Recorded == 2, "the amended result written");

        Settlement latest = Assert.Single(await store.GetSettlementsAsync(_ct));
        Assert.Equal(new Settlement("A", SettlementResult.No, "kalshi", T0.AddMinutes(5)), latest);
    }

    [Fact]
    public async Task A_failing_store_is_retried_then_counted_shown_and_retried_on_the_next_announcement()
    {
        InMemoryHistoryStore inner = NewMemoryStore();
        IHistoryStore flaky = FlakySettlementStore.Wrap(inner, out FlakySettlementStore control);
        control.Failing = true;
        await using SettlementRecorder recorder = NewRecorder(flaky);

        recorder.OnMarketEvent(Status("A", "determined", SettlementResult.No, 1));
        await Poll.UntilAsync(() => recorder.Failed == 1, "the write given up after its attempts");

        // maxAttempts 3: three calls to the store, two retries, nothing stored.
        Assert.Equal(3, control.Attempts);
        ComponentHealth health = recorder.GetHealth();
        Assert.Equal(HealthLevel.Degraded, health.Level);
        Assert.Contains("A", health.Message, StringComparison.Ordinal);
        Assert.Equal((1.0, 1.0, 2.0, 0.0), (health.Figures["settlements_failed"], health.Figures["settlements_unrecorded"], health.Figures["settlement_retries"], health.Figures["settlements_recorded"]));
        Assert.Empty(await inner.GetSettlementsAsync(_ct));

        // Kalshi repeats the result on settlement: the failed one is not a duplicate, so it is written this time.
        control.Failing = false;
        recorder.OnMarketEvent(Status("A", "finalized", SettlementResult.No, 2));
        await Poll.UntilAsync(() => recorder.Recorded == 1, "the repeated announcement written");
        Assert.Equal(new Settlement("A", SettlementResult.No, "kalshi", T0.AddMinutes(2)), Assert.Single(await inner.GetSettlementsAsync(_ct)));
        Assert.Equal(HealthLevel.Healthy, recorder.GetHealth().Level);
        Assert.Equal(1, recorder.Failed);
    }

    [Fact]
    public async Task The_pipeline_thread_never_waits_for_the_store()
    {
        InMemoryHistoryStore inner = NewMemoryStore();
        IHistoryStore stuck = FlakySettlementStore.Wrap(inner, out FlakySettlementStore control);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        control.Gate = release.Task;
        await using SettlementRecorder recorder = NewRecorder(stuck);

        // Both calls return while the first write is still held by the store.
        await Task.Run(() =>
        {
            recorder.OnMarketEvent(Status("A", "determined", SettlementResult.Yes, 1));
            recorder.OnMarketEvent(Status("B", "determined", SettlementResult.No, 1));
        }, _ct).WaitAsync(TimeSpan.FromSeconds(10), _ct);
        await Poll.UntilAsync(() => control.Attempts == 1, "the first write reaching the store");
        Assert.Equal(2, recorder.GetHealth().Figures["settlements_pending"]);

        release.SetResult();
        await Poll.UntilAsync(() => recorder.Recorded == 2, "both written once the store answers");
        Assert.Equal(2, (await inner.GetSettlementsAsync(_ct)).Count);
    }

    /// <summary>Forwards every call to a real store, except that settlement writes can be made to wait or fail.</summary>
    public class FlakySettlementStore : DispatchProxy
    {
        private IHistoryStore _inner = null!;
        private int _attempts;

        public volatile bool Failing;

        public Task Gate { get; set; } = Task.CompletedTask;

        public int Attempts => Volatile.Read(ref _attempts);

        public static IHistoryStore Wrap(IHistoryStore inner, out FlakySettlementStore control)
        {
            IHistoryStore proxy = Create<IHistoryStore, FlakySettlementStore>();
            control = (FlakySettlementStore)proxy;
            control._inner = inner;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name == nameof(IHistoryStore.RecordSettlementAsync))
            {
                return RecordAsync((Settlement)args![0]!, (CancellationToken)args[1]!);
            }

            return targetMethod.Invoke(_inner, args);
        }

        private async Task RecordAsync(Settlement settlement, CancellationToken ct)
        {
            Interlocked.Increment(ref _attempts);
            await Gate.WaitAsync(ct);
            if (Failing)
            {
                throw new IOException("history store unavailable");
            }

            await _inner.RecordSettlementAsync(settlement, ct);
        }
    }
}
