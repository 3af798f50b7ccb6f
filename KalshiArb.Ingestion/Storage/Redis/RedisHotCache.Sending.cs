using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace KalshiArb.Ingestion.Storage.Redis;

/// <summary>Talking to Redis: connecting (and catching up on reconnection), the flush loop, and the pipelined writes of what is staged.</summary>
public sealed partial class RedisHotCache
{
    /// <summary>Sends whatever is staged now (tests and shutdown); normally the loop does it every <see cref="RedisOptions.FlushInterval"/>.</summary>
    public async Task FlushAsync()
    {
        await _connect;
        if (_connection is not { IsConnected: true } connection)
        {
            DropPublishesWhileDown();
            return;
        }

        IDatabase db = connection.GetDatabase();
        List<(string Key, HashEntry[] Entries, string[] Cleared)> writes = TakeDirty();
        var pending = new List<Task>(writes.Count * 2);
        foreach ((string key, HashEntry[] entries, string[] cleared) in writes)
        {
            pending.Add(db.HashSetAsync(key, entries));
            if (cleared.Length > 0)
            {
                pending.Add(db.HashDeleteAsync(key, Array.ConvertAll(cleared, f => (RedisValue)f)));
            }
        }

        RedisChannel channel = RedisChannel.Literal(Keys.OpportunityChannel);
        while (_publishes.Reader.TryRead(out string? message))
        {
            pending.Add(db.PublishAsync(channel, message).ContinueWith(
                t => { if (t.IsCompletedSuccessfully) { Interlocked.Increment(ref _published); } },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default));
        }

        try
        {
            await Task.WhenAll(pending);
            Interlocked.Add(ref _hashWrites, writes.Count);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Interlocked.Add(ref _failedWrites, writes.Count);
            _lastError = ex.Message;
            MarkDirty(writes.Select(w => w.Key));
            LogWriteFailed(_logger, ex.Message);
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
                lock (_gate)
                {
                    _dirty.UnionWith(_state.Keys);
                }

                LogRestored(_logger);
            };
            _connection.ConnectionFailed += (_, e) => _lastError = e.Exception?.Message ?? e.FailureType.ToString();
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
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    _lastError = ex.Message;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    private List<(string Key, HashEntry[] Entries, string[] Cleared)> TakeDirty()
    {
        lock (_gate)
        {
            var writes = new List<(string, HashEntry[], string[])>(_dirty.Count);
            foreach (string key in _dirty)
            {
                Dictionary<string, string> fields = _state[key];
                HashEntry[] entries = fields.Where(f => f.Value.Length > 0).Select(f => new HashEntry(f.Key, f.Value)).ToArray();
                string[] cleared = fields.Where(f => f.Value.Length == 0).Select(f => f.Key).ToArray();
                writes.Add((key, entries, cleared));
            }

            _dirty.Clear();
            return writes;
        }
    }

    private void MarkDirty(IEnumerable<string> keys)
    {
        lock (_gate)
        {
            _dirty.UnionWith(keys);
        }
    }

    private void DropPublishesWhileDown()
    {
        while (_publishes.Reader.TryRead(out _))
        {
            Interlocked.Increment(ref _droppedPublishes);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis write failed, will retry: {Error}")]
    private static partial void LogWriteFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis connection restored; rewriting the latest state of every key")]
    private static partial void LogRestored(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis not available ({Error}); running on in-memory state")]
    private static partial void LogUnavailable(ILogger logger, string error);
}
