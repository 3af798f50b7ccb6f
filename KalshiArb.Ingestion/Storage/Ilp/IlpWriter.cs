using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>
/// Batches ILP rows and delivers them to QuestDB off the hot path. <see cref="Write{TState}"/> appends a row to a
/// reused buffer under a short lock (no I/O, no allocation per row); a background loop flushes every
/// <see cref="IlpWriterOptions.AutoFlushRows"/> rows or <see cref="IlpWriterOptions.AutoFlushInterval"/>.
/// Delivery never loses an accepted row: a batch QuestDB cannot take now goes to the <see cref="IlpSpool"/> and is
/// replayed in order, before newer data, once QuestDB answers again (DEDUP keys make a replay idempotent); a batch
/// it refuses for good is narrowed down line by line, the good lines written and the bad ones kept in the spool's
/// rejected file with QuestDB's error. Only a full spool drops rows, and those are counted and reported.
/// A configuration error (credentials refused, wrong address) is logged at once and shown on the Health page; the
/// rows go to the spool without retries, and the spool is tried again at the slowest replay pace.
/// </summary>
public sealed partial class IlpWriter : IAsyncDisposable
{
    private readonly IIlpTransport _transport;
    private readonly IlpSpool _spool;
    private readonly IlpWriterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private PendingBatch _active = new();
    private PendingBatch _sending = new();
    private int _signaled;
    private long _nextReplayAttemptTicks;
    private TimeSpan _replayBackoff;
    private bool _disposed;

    public IlpWriter(IIlpTransport transport, IlpSpool spool, IlpWriterOptions options, TimeProvider time, ILogger<IlpWriter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.AutoFlushRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        _spool = spool ?? throw new ArgumentNullException(nameof(spool));
        _options = options;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger<IlpWriter>.Instance;
        _replayBackoff = options.RetryBackoff;
        _loop = Task.Run(RunAsync);
    }

    public IlpWriterMetrics Metrics { get; } = new();

    public IlpSpool Spool => _spool;

    public string TransportName => _transport.Name;

    /// <summary>Rows waiting in memory for the next flush.</summary>
    public int PendingRows
    {
        get
        {
            lock (_gate)
            {
                return _active.Buffer.RowCount;
            }
        }
    }

    /// <summary>Called after each acknowledged live batch with the receive times of its rows.</summary>
    public IlpBatchAcknowledged? BatchAcknowledged { get; set; }

    /// <summary>
    /// Appends the row(s) built by <paramref name="writeRow"/> (pass a static lambda and the record as state: no
    /// allocation). Thread-safe; never blocks on I/O. When encoding fails, every row of this call is dropped,
    /// counted as invalid, and the <see cref="IlpFormatException"/> rethrown.
    /// </summary>
    /// <param name="receivedAt">the local receive time of the rows, for the write-latency stage; null for rows without one.</param>
    public void Write<TState>(TState state, Action<IlpBuffer, TState> writeRow, DateTime? receivedAt = null)
    {
        ArgumentNullException.ThrowIfNull(writeRow);
        bool flushNow;
        int added;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            IlpBuffer buffer = _active.Buffer;
            int lengthBefore = buffer.Length;
            int rowsBefore = buffer.RowCount;
            try
            {
                writeRow(buffer, state);
                if (buffer.InRow)
                {
                    throw new IlpFormatException("The row was not finished with At().");
                }
            }
            catch
            {
                buffer.RollbackTo(lengthBefore, rowsBefore);
                Metrics.Invalid();
                throw;
            }

            added = buffer.RowCount - rowsBefore;
            if (receivedAt is { } received)
            {
                for (int i = 0; i < added; i++)
                {
                    _active.AddReceived(received);
                }
            }

            flushNow = buffer.RowCount >= _options.AutoFlushRows;
        }

        Metrics.Accepted(added);
        if (flushNow && Interlocked.Exchange(ref _signaled, 1) == 0)
        {
            _signal.Release();
        }
    }

    /// <summary>
    /// Writes one row and waits until QuestDB acknowledged it or it is safe in the spool. Rows buffered before it
    /// are delivered first, so order is kept. Throws <see cref="IlpRejectedException"/> when QuestDB refuses the row
    /// for good, and <see cref="IOException"/> when QuestDB is away and the spool is full.
    /// </summary>
    public async Task<IlpWriteOutcome> WriteNowAsync<TState>(TState state, Action<IlpBuffer, TState> writeRow, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(writeRow);
        var own = new IlpBuffer(1024);
        try
        {
            writeRow(own, state);
            if (own.InRow || own.RowCount != 1)
            {
                throw new IlpFormatException("WriteNowAsync takes exactly one finished row.");
            }
        }
        catch (IlpFormatException)
        {
            Metrics.Invalid();
            throw;
        }

        Metrics.Accepted(1);
        await _sendLock.WaitAsync(ct);
        try
        {
            await FlushPendingLockedAsync(ct);
            ReadOnlyMemory<byte> row = own.Written;
            if (await ReplaySpoolLockedAsync(force: true, ct))
            {
                IlpSendResult result = await SendWithRetryAsync(row, _options.MaxAttempts, ct);
                switch (result.Status)
                {
                    case IlpSendStatus.Accepted:
                        return IlpWriteOutcome.Written;
                    case IlpSendStatus.Rejected:
                        string line = Encoding.UTF8.GetString(row.Span).TrimEnd('\n');
                        RejectLine(row.Span, result.Error ?? "rejected");
                        throw new IlpRejectedException(result.Error ?? "rejected", line);
                }
            }

            if (!_spool.TryAppend(row.Span))
            {
                Metrics.Dropped(1);
                throw new IOException($"QuestDB is unreachable and the spool at {_spool.Directory} is full ({_spool.Bytes} of {_spool.MaxBytes} bytes): the row was not stored.");
            }

            Metrics.Spooled(1);
            return IlpWriteOutcome.Spooled;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Delivers every buffered row now (to QuestDB, or to the spool when it is away) and tries to drain the spool.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        await _sendLock.WaitAsync(ct);
        try
        {
            await FlushPendingLockedAsync(ct);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(_options.AutoFlushInterval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            Interlocked.Exchange(ref _signaled, 0);
            try
            {
                await FlushAsync(_stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Reading a spooled batch failed; it stays on disk and is tried again next round.
                ReportError($"spool read failed: {ex.Message}");
                LogSpoolReadFailed(_logger, ex);
            }
        }
    }

    private async Task FlushPendingLockedAsync(CancellationToken ct)
    {
        bool hasRows;
        lock (_gate)
        {
            hasRows = _active.Buffer.RowCount > 0;
            if (hasRows)
            {
                (_active, _sending) = (_sending, _active);
            }
        }

        if (!hasRows)
        {
            await ReplaySpoolLockedAsync(force: false, ct);
            return;
        }

        try
        {
            await DeliverLiveLockedAsync(_sending, ct);
        }
        catch (OperationCanceledException)
        {
            SpoolOrDrop(_sending.Buffer);
            throw;
        }
        finally
        {
            _sending.Clear();
        }
    }

    private async Task DeliverLiveLockedAsync(PendingBatch batch, CancellationToken ct)
    {
        if (await ReplaySpoolLockedAsync(force: false, ct))
        {
            IlpSendStatus status = await SendBatchAsync(batch.Buffer.Written, batch.Buffer.RowCount, _options.MaxAttempts, ct);
            if (status == IlpSendStatus.Accepted)
            {
                NotifyAcknowledged(batch);
                return;
            }
        }

        SpoolOrDrop(batch.Buffer);
    }

    /// <summary>Latency bookkeeping must never disturb delivery: a failing callback is logged, the batch stays written.</summary>
    private void NotifyAcknowledged(PendingBatch batch)
    {
        try
        {
            BatchAcknowledged?.Invoke(batch.ReceivedTicks, _time.GetUtcNow().UtcDateTime);
        }
        catch (ObjectDisposedException)
        {
            // The final flush of DisposeAsync: nothing more can be written.
        }
        catch (IlpFormatException ex)
        {
            LogAcknowledgementFailed(_logger, ex);
        }
    }

    /// <summary>Moves a batch to the spool; when the spool is full or its disk fails, counts the rows as dropped and says so.</summary>
    private void SpoolOrDrop(IlpBuffer batch)
    {
        int rows = batch.RowCount;
        if (rows == 0)
        {
            return;
        }

        string? failure;
        try
        {
            failure = _spool.TryAppend(batch.Written.Span) ? null : $"spool full ({_spool.Bytes} of {_spool.MaxBytes} bytes)";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            failure = $"spool write failed: {ex.Message}";
        }

        if (failure is null)
        {
            Metrics.Spooled(rows);
            return;
        }

        Metrics.Dropped(rows);
        ReportError($"{failure}: {rows} rows dropped");
        LogRowsDropped(_logger, _spool.Directory, failure, rows);
    }

    /// <summary>Replays spooled batches oldest first; true when the spool is empty afterwards.</summary>
    private async Task<bool> ReplaySpoolLockedAsync(bool force, CancellationToken ct)
    {
        if (_spool.IsEmpty)
        {
            return true;
        }

        if (!force && _time.GetUtcNow().UtcTicks < Interlocked.Read(ref _nextReplayAttemptTicks))
        {
            return false;
        }

        while (_spool.TryPeekOldest(out long id, out byte[] batch))
        {
            int rows = IlpLines.Split(batch).Count;
            IlpSendStatus status = await SendBatchAsync(batch, rows, attempts: 1, ct);
            if (status != IlpSendStatus.Accepted)
            {
                // A configuration error will not fix itself within seconds: go straight to the slowest pace.
                _replayBackoff = status == IlpSendStatus.Misconfigured
                    ? _options.MaxReplayBackoff
                    : TimeSpan.FromTicks(Math.Min(_replayBackoff.Ticks * 2, _options.MaxReplayBackoff.Ticks));
                Interlocked.Exchange(ref _nextReplayAttemptTicks, (_time.GetUtcNow() + _replayBackoff).UtcTicks);
                return false;
            }

            _spool.Remove(id);
            LogReplayed(_logger, id, rows);
        }

        _replayBackoff = _options.RetryBackoff;
        return true;
    }

    /// <summary>
    /// Sends a batch; on a rejection narrows it down line by line, writing the good lines and keeping the bad ones.
    /// Accepted means every line was either written or kept as rejected; Retriable or Misconfigured means the whole
    /// batch must be kept.
    /// </summary>
    private async Task<IlpSendStatus> SendBatchAsync(ReadOnlyMemory<byte> batch, int rows, int attempts, CancellationToken ct)
    {
        IlpSendResult result = await SendWithRetryAsync(batch, attempts, ct, rows);
        if (result.Status != IlpSendStatus.Rejected)
        {
            return result.Status;
        }

        List<(int Start, int Length)> lines = IlpLines.Split(batch.Span);
        if (lines.Count == 1)
        {
            RejectLine(batch.Span, result.Error ?? "rejected");
            return IlpSendStatus.Accepted;
        }

        // DEDUP keys make re-sending lines QuestDB may already have committed harmless.
        foreach ((int start, int length) in lines)
        {
            ReadOnlyMemory<byte> line = batch.Slice(start, length);
            IlpSendResult single = await SendWithRetryAsync(line, attempts, ct, rows: 1);
            if (single.Status is IlpSendStatus.Retriable or IlpSendStatus.Misconfigured)
            {
                return single.Status;
            }

            if (single.Status == IlpSendStatus.Rejected)
            {
                RejectLine(line.Span, single.Error ?? "rejected");
            }
        }

        return IlpSendStatus.Accepted;
    }

    private async Task<IlpSendResult> SendWithRetryAsync(ReadOnlyMemory<byte> batch, int attempts, CancellationToken ct, int rows = 1)
    {
        TimeSpan delay = _options.RetryBackoff;
        IlpSendResult result = default;
        for (int attempt = 1; attempt <= attempts; attempt++)
        {
            long started = _time.GetTimestamp();
            result = await _transport.SendAsync(batch, ct);
            if (result.Status == IlpSendStatus.Accepted)
            {
                bool recovered = !Metrics.Connected;
                Metrics.Written(rows, batch.Length, _time.GetElapsedTime(started), _time.GetUtcNow().UtcDateTime);
                if (recovered)
                {
                    LogRecovered(_logger, _transport.Name, Metrics.LastOutage.TotalSeconds);
                }

                return result;
            }

            if (result.Status == IlpSendStatus.Rejected)
            {
                return result;
            }

            string error = result.Error ?? "QuestDB unreachable";
            ReportError(error);
            if (result.Status == IlpSendStatus.Misconfigured)
            {
                // Retrying cannot help: keep the rows (the caller spools them) and say so once, loudly.
                if (Metrics.Misconfigured(error, _time.GetUtcNow().UtcDateTime))
                {
                    LogMisconfigured(_logger, error, _spool.Directory);
                }

                return result;
            }

            if (Metrics.Connected)
            {
                LogUnreachable(_logger, error, _spool.Directory);
            }

            Metrics.Unreachable(_time.GetUtcNow().UtcDateTime);
            if (attempt < attempts)
            {
                await Task.Delay(delay, _time, ct);
                delay *= 2;
            }
        }

        return result;
    }

    private void RejectLine(ReadOnlySpan<byte> line, string error)
    {
        string text = Encoding.UTF8.GetString(line).TrimEnd('\n');
        _spool.Reject(line, error, _time.GetUtcNow().UtcDateTime);
        Metrics.Rejected(1);
        ReportError($"QuestDB rejected a row: {error}; row: {text}");
        LogRejected(_logger, error, _spool.RejectedPath, text);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "QuestDB refused the ILP writes as misconfigured: {Error}. Rows are kept in the spool at {Directory} until it is fixed")]
    private static partial void LogMisconfigured(ILogger logger, string error, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "QuestDB unreachable ({Error}); spooling to {Directory} and retrying with backoff")]
    private static partial void LogUnreachable(ILogger logger, string error, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "QuestDB acknowledges ILP over {Transport} again after {Seconds:0.#} s")]
    private static partial void LogRecovered(ILogger logger, string transport, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "QuestDB rejected a row for good ({Error}); kept in {Path}: {Row}")]
    private static partial void LogRejected(ILogger logger, string error, string path, string row);

    [LoggerMessage(Level = LogLevel.Error, Message = "ILP spool at {Directory}: {Failure}; {Rows} rows dropped")]
    private static partial void LogRowsDropped(ILogger logger, string directory, string failure, int rows);

    [LoggerMessage(Level = LogLevel.Error, Message = "ILP spool read failed")]
    private static partial void LogSpoolReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Acknowledgement callback failed")]
    private static partial void LogAcknowledgementFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed spooled ILP batch {Id} ({Rows} rows)")]
    private static partial void LogReplayed(ILogger logger, long id, int rows);

    private void ReportError(string error) => Metrics.Error(error, _time.GetUtcNow().UtcDateTime);

    /// <summary>Stops the loop and delivers what is buffered (to QuestDB, or to the spool).</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await _stop.CancelAsync();
        await _loop;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await FlushAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // QuestDB hung on shutdown: keep what is left on disk for the next start.
            lock (_gate)
            {
                SpoolOrDrop(_active.Buffer);
                _active.Clear();
            }
        }

        await _transport.DisposeAsync();
        _stop.Dispose();
        _signal.Dispose();
        _sendLock.Dispose();
    }

    /// <summary>A reusable buffer with the receive times of its rows.</summary>
    private sealed class PendingBatch
    {
        private long[] _received = new long[1024];
        private int _receivedCount;

        public IlpBuffer Buffer { get; } = new();

        public ReadOnlySpan<long> ReceivedTicks => _received.AsSpan(0, _receivedCount);

        public void AddReceived(DateTime receivedAt)
        {
            if (_receivedCount == _received.Length)
            {
                Array.Resize(ref _received, _received.Length * 2);
            }

            _received[_receivedCount++] = receivedAt.Ticks;
        }

        public void Clear()
        {
            Buffer.Clear();
            _receivedCount = 0;
        }
    }
}
