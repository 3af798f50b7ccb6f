using StackExchange.Redis;

[assembly: AssemblyFixture(typeof(KalshiArb.Tests.Infrastructure.RedisFixture))]

namespace KalshiArb.Tests.Infrastructure;

/// <summary>
/// A real Redis for the tests: <c>REDIS_URL</c> when set (then only keys under <see cref="KeyPrefix"/> are touched and
/// removed), otherwise a <see cref="RedisServer"/> of its own, never a user's Redis. Without either, tests call
/// <see cref="SkipIfUnavailable"/>.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? _server;

    public string ConnectionString { get; private set; } = "";

    /// <summary>Per-run key prefix, so a shared Redis given through REDIS_URL is left as found.</summary>
    public string KeyPrefix { get; } = $"kat{Environment.ProcessId}:";

    public bool Available { get; private set; }

    public string SkipReason { get; private set; } = RedisServer.HowToEnable;

    public bool StartedHere => _server is not null;

    public ConnectionMultiplexer? Connection { get; private set; }

    public void SkipIfUnavailable() => Assert.SkipUnless(Available, SkipReason);

    public async ValueTask InitializeAsync()
    {
        string? configured = RedisServer.ConfiguredConnectionString();
        if (configured is null)
        {
            _server = await RedisServer.TryStartAsync();
            if (_server is null)
            {
                return;
            }
        }

        ConnectionString = configured ?? _server!.ConnectionString;
        try
        {
            Connection = await ConnectionMultiplexer.ConnectAsync($"{ConnectionString},abortConnect=false,connectTimeout=2000");
            await Connection.GetDatabase().PingAsync();
            Available = true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            SkipReason = $"Redis at {ConnectionString} did not answer: {ex.Message}";
        }
    }

    /// <summary>Stops the fixture's own server (fault tests); <see cref="RestartAsync"/> brings a fresh one back on the same port.</summary>
    public void StopServer() => _server?.Stop();

    public async Task RestartAsync()
    {
        if (_server is null)
        {
            throw new InvalidOperationException("Only a server started by the fixture can be restarted.");
        }

        _server.Stop();
        await _server.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Connection is not null)
        {
            if (!StartedHere && Available)
            {
                // A Redis we did not start: remove only this run's keys.
                foreach (var endpoint in Connection.GetEndPoints())
                {
                    var server = Connection.GetServer(endpoint);
                    await foreach (var key in server.KeysAsync(pattern: KeyPrefix + "*"))
                    {
                        await Connection.GetDatabase().KeyDeleteAsync(key);
                    }
                }
            }

            await Connection.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
