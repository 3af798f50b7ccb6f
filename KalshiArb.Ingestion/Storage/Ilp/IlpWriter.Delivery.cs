namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>The flush loop and live delivery: a full buffer or the interval sends a batch; what QuestDB cannot take now goes to the spool.</summary>
internal sealed partial class IlpWriter
{
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
}
