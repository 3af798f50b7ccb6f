using System.Text;

namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>Sending to QuestDB: spool replay with backoff, retries, and narrowing a refused batch down to its bad lines.</summary>
internal sealed partial class IlpWriter
{
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

    private void ReportError(string error) => Metrics.Error(error);
}
