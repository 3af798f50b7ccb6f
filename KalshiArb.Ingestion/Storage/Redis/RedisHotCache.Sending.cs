using System.Text.Json;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace KalshiArb.Ingestion.Storage.Redis;

/// <summary>Talking to Redis: connecting (and catching up on reconnection), the flush loop, and the pipelined writes of what is staged.</summary>
internal sealed partial class RedisHotCache
{
    /// <summary>Sends whatever is staged now (tests and shutdown); normally the loop does it every <see cref="RedisOptions.FlushInterval"/>.</summary>
    public async Task FlushAsync()
    {
        await _connect;
        await _flushing.WaitAsync();
        try
        {
            await FlushOnceAsync();
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task FlushOnceAsync()
    {
        _publishes.TakeAll(_outgoing);
        if (_connection is not { IsConnected: true } connection)
        {
            // The hashes stay dirty and are written on reconnection; a transition cannot wait for an outage to end.
            DroppedWhileDown(_outgoing.Count);
            return;
        }

        IDatabase db = connection.GetDatabase();
        Task[] publishes = Publish(db);
        _state.TakeDirty(_writes);
        try
        {
            var hashes = new List<Task>(_writes.Count + 1);
            foreach (RedisLatestState.StagedWrite write in _writes)
            {
                string key = write.Slot.Key ??= write.Slot.KeyIn(Keys);
                (HashEntry[] set, RedisValue[] cleared) = write.Tick is { } tick
                    ? RedisHashFields.Market(tick)
                    : RedisHashFields.Odds(write.Quotes!, write.Last!);
                hashes.Add(db.HashSetAsync(key, set));
                if (cleared.Length > 0)
                {
                    hashes.Add(db.HashDeleteAsync(key, cleared));
                }
            }

            await Task.WhenAll(hashes);
            Interlocked.Add(ref _hashWrites, _writes.Count);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            Interlocked.Add(ref _failedWrites, _writes.Count);
            _lastError = ex.Message;
            _state.MarkDirty(_writes);
            LogWriteFailed(_logger, ex.Message);
        }

        await CountPublishedAsync(publishes);
    }

    /// <summary>
    /// Issues one PUBLISH per queued transition. One connection sends commands in the order they are issued, so they
    /// go out in their queue's order; one that cannot even be issued is a failed publish, counted, never lost silently.
    /// </summary>
    private Task[] Publish(IDatabase db)
    {
        RedisChannel channel = RedisChannel.Literal(Keys.OpportunityChannel);
        var publishes = new Task[_outgoing.Count];
        for (int i = 0; i < publishes.Length; i++)
        {
            try
            {
                publishes[i] = db.PublishAsync(channel, JsonSerializer.SerializeToUtf8Bytes(_outgoing[i], Json));
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
            {
                publishes[i] = Task.FromException(ex);
            }
        }

        return publishes;
    }

    private async Task CountPublishedAsync(Task[] publishes)
    {
        try
        {
            await Task.WhenAll(publishes);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            _lastError = ex.Message;
        }

        int sent = publishes.Count(p => p.IsCompletedSuccessfully);
        Interlocked.Add(ref _published, sent);
        if (sent < publishes.Length)
        {
            Interlocked.Add(ref _failedPublishes, publishes.Length - sent);
            LogPublishFailed(_logger, publishes.Length - sent, _lastError ?? "");
        }
    }

    private void DroppedWhileDown(int count)
    {
        if (count == 0)
        {
            return;
        }

        Interlocked.Add(ref _droppedPublishes, count);
        if (Interlocked.Exchange(ref _dropLogged, 1) == 0)
        {
            LogPublishesDropped(_logger, count);
        }
    }

    private async Task ConnectAsync()
    {
        try
        {
            ConfigurationOptions config = ConfigurationOptions.Parse(_options.ConnectionString);
            config.AbortOnConnectFail = false;
            config.ConnectTimeout = Math.Min(config.ConnectTimeout, 2000);
            if (!string.IsNullOrWhiteSpace(_options.CaCertificatePath))
            {
                config.TrustIssuer(_options.CaCertificatePath);
            }

            // Endpoints only: the configuration string carries the password.
            _endpoints = string.Join(", ", config.EndPoints.Select(EndPointCollection.ToString)) + (config.Ssl ? " over TLS" : "");
            _connection = await ConnectionMultiplexer.ConnectAsync(config);
            _connection.ConnectionRestored += (_, _) =>
            {
                // Writes may have been lost while it was away: send every key's latest state again.
                _state.MarkAllDirty();
                Interlocked.Exchange(ref _dropLogged, 0);
                LogRestored(_logger, DroppedPublishes);
            };
            _connection.ConnectionFailed += (_, e) =>
            {
                _lastError = e.Exception?.Message ?? e.FailureType.ToString();
                Interlocked.Increment(ref _connectionFailures);
                LogConnectionLost(_logger, _lastError);
            };
        }
        catch (Exception ex) when (ex is RedisException or ArgumentException or IOException or System.Security.Cryptography.CryptographicException)
        {
            _lastError = ex.Message;
            LogUnavailable(_logger, ex.Message);
        }
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_options.FlushInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    await FlushAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The loop must outlive any one flush: a transition waiting for room depends on the next one.
                    _lastError = ex.Message;
                    LogFlushFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis flush failed; the next one runs on schedule")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis write failed, will retry: {Error}")]
    private static partial void LogWriteFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis connection restored; rewriting the latest state of every key ({Dropped} opportunity transitions not published while Redis was down, in all)")]
    private static partial void LogRestored(ILogger logger, long dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis connection lost ({Error}); market state is kept and written again on reconnection")]
    private static partial void LogConnectionLost(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis down: {Count} opportunity transitions not published; further ones are dropped and counted (dropped_publishes) until it is back")]
    private static partial void LogPublishesDropped(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} opportunity transitions failed to publish: {Error}")]
    private static partial void LogPublishFailed(ILogger logger, int count, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis not available ({Error}); running on in-memory state")]
    private static partial void LogUnavailable(ILogger logger, string error);
}
