using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using Microsoft.Extensions.Logging;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// Records the results Kalshi announces (a <see cref="MarketStatusChanged"/> with a <see cref="MarketStatusChanged.Result"/>)
/// as settlements with source "kalshi". The pipeline thread only enqueues; a background loop writes to the history
/// store, retrying a failed write with doubling delays. A repeat of a result already recorded or queued for the same
/// market (determined, then settled; a replay after reconnecting) is skipped; a different result (re-determined
/// after a dispute) is recorded and supersedes. A write that fails every attempt is counted, logged, shown on health
/// until a later write for that market succeeds, and forgotten by the de-duplication so the next announcement retries it.
/// </summary>
internal sealed partial class SettlementRecorder : IPipelineSink, IHealthSource, IAsyncDisposable
{
    public const string Source = "kalshi";

    /// <summary>How the Health page names this component.</summary>
    public const string ComponentName = "settlements";

    private readonly IHistoryStore _history;
    private readonly TimeProvider _time;
    private readonly ILogger<SettlementRecorder> _logger;
    private readonly int _maxAttempts;
    private readonly TimeSpan _firstRetryDelay;
    private readonly Channel<Settlement> _queue = Channel.CreateUnbounded<Settlement>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, SettlementResult> _accepted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Settlement> _failed = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _recorded;
    private long _failures;
    private long _retries;
    private long _duplicates;
    private long _pending;

    /// <param name="maxAttempts">Writes tried per settlement before it counts as failed.</param>
    /// <param name="firstRetryDelay">Wait before the second attempt, doubled before each further one (default 1 s).</param>
    public SettlementRecorder(IHistoryStore history, TimeProvider time, ILogger<SettlementRecorder> logger, int maxAttempts = 4, TimeSpan? firstRetryDelay = null)
    {
        _history = history ?? throw new ArgumentNullException(nameof(history));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        _maxAttempts = maxAttempts;
        _firstRetryDelay = firstRetryDelay ?? TimeSpan.FromSeconds(1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_firstRetryDelay, TimeSpan.Zero, nameof(firstRetryDelay));
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Settlements written.</summary>
    public long Recorded => Interlocked.Read(ref _recorded);

    /// <summary>Settlements given up on after every attempt failed.</summary>
    public long Failed => Interlocked.Read(ref _failures);

    /// <summary>Announcements skipped because the same result for the market was already recorded or queued.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    public void OnMarketEvent(MarketEvent marketEvent)
    {
        if (marketEvent is not MarketStatusChanged { Result: { } result } status)
        {
            return;
        }

        SettlementResult? previous = null;
        _accepted.AddOrUpdate(status.Ticker, result, (_, existing) =>
        {
            previous = existing;
            return result;
        });
        if (previous == result)
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }

        Interlocked.Increment(ref _pending);
        if (!_queue.Writer.TryWrite(new Settlement(status.Ticker, result, Source, status.ExchangeTs)))
        {
            // Only after disposal: the pipeline has stopped, so this is a late event, not a lost one.
            Interlocked.Decrement(ref _pending);
            LogAfterShutdown(_logger, status.Ticker, result);
        }
    }

    public void OnOpportunity(Opportunity opportunity)
    {
    }

    public ComponentHealth GetHealth()
    {
        long failed = Failed;
        var figures = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["settlements_recorded"] = Recorded,
            ["settlements_failed"] = failed,
            ["settlements_unrecorded"] = _failed.Count,
            ["settlement_retries"] = Interlocked.Read(ref _retries),
            ["settlement_duplicates"] = Duplicates,
            ["settlements_pending"] = Interlocked.Read(ref _pending),
        };
        string[] unrecorded = _failed.Keys.Order(StringComparer.Ordinal).ToArray();
        return unrecorded.Length == 0
            ? new ComponentHealth(ComponentName, HealthLevel.Healthy, string.Create(CultureInfo.InvariantCulture, $"{Recorded} Kalshi settlements recorded"), figures, _time.GetUtcNow().UtcDateTime)
            : new ComponentHealth(
                ComponentName,
                HealthLevel.Degraded,
                string.Create(CultureInfo.InvariantCulture, $"{unrecorded.Length} Kalshi settlements could not be stored ({string.Join(", ", unrecorded.Take(5))}); enter them by hand or wait for Kalshi to repeat them"),
                figures,
                _time.GetUtcNow().UtcDateTime);
    }

    /// <summary>Stops accepting, finishes what is queued (a write in its retry wait is abandoned, counted as failed) and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_queue.Writer.TryComplete())
        {
            return;
        }

        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        await foreach (Settlement settlement in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await WriteAsync(settlement).ConfigureAwait(false);
            Interlocked.Decrement(ref _pending);
        }
    }

    private async Task WriteAsync(Settlement settlement)
    {
        TimeSpan delay = _firstRetryDelay;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await _history.RecordSettlementAsync(settlement, _stop.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _recorded);
                _failed.TryRemove(settlement.Ticker, out _);
                LogRecorded(_logger, settlement.Ticker, settlement.Result);
                return;
            }
            catch (Exception ex) when (attempt < _maxAttempts && !_stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref _retries);
                LogRetrying(_logger, settlement.Ticker, settlement.Result, attempt, _maxAttempts, delay, ex.Message);
                try
                {
                    await Task.Delay(delay, _time, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    GiveUp(settlement, ex);
                    return;
                }

                delay += delay;
            }
            catch (Exception ex)
            {
                GiveUp(settlement, ex);
                return;
            }
        }
    }

    private void GiveUp(Settlement settlement, Exception error)
    {
        Interlocked.Increment(ref _failures);
        _failed[settlement.Ticker] = settlement;

        // Forget it, so that Kalshi announcing the same result again (settled after determined, a reconnect) retries it.
        _accepted.TryRemove(new KeyValuePair<string, SettlementResult>(settlement.Ticker, settlement.Result));
        LogGaveUp(_logger, error, settlement.Ticker, settlement.Result, _maxAttempts);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kalshi settlement {Ticker} = {Result} arrived after shutdown and was not recorded")]
    private static partial void LogAfterShutdown(ILogger logger, string ticker, SettlementResult result);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kalshi settlement recorded: {Ticker} = {Result}")]
    private static partial void LogRecorded(ILogger logger, string ticker, SettlementResult result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording Kalshi settlement {Ticker} = {Result} failed (attempt {Attempt} of {Max}), retrying in {Delay}: {Error}")]
    private static partial void LogRetrying(ILogger logger, string ticker, SettlementResult result, int attempt, int max, TimeSpan delay, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kalshi settlement {Ticker} = {Result} was not recorded after {Attempts} attempts")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string ticker, SettlementResult result, int attempts);
}
