using System.ComponentModel.DataAnnotations;
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
internal sealed partial class IlpWriter : IAsyncDisposable
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
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
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
}
