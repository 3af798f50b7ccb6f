using System.Text.Json;
using System.Text.Json.Serialization;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace KalshiArb.Ingestion.Storage.Redis;

/// <summary>
/// The Redis hot cache: the latest state of every market as hashes (<see cref="RedisKeys"/>) and each opportunity
/// transition published as JSON. On the sink thread it allocates nothing: <see cref="OnMarketEvent"/> keeps a
/// reference to the newest event per key (<see cref="RedisLatestState"/>; a key written ten times between flushes is
/// sent once, with its latest values) and <see cref="OnOpportunity"/> queues the transition in order
/// (<see cref="RedisPublishQueue"/>), waiting for room when the queue is full (counted: back-pressure, not loss). A
/// background loop formats keys, fields and JSON and sends them pipelined. With Redis down the pipeline keeps
/// running, the Health page says so, the multiplexer reconnects by itself, and on reconnection every key's latest
/// state is written again so the cache catches up. Transitions that cannot be published while Redis is down are
/// dropped, counted and logged (state lives in the hashes).
/// </summary>
internal sealed partial class RedisHotCache : IPipelineSink, IHealthSource, IMarketEventHandler, IAsyncDisposable
{
    /// <summary>The published JSON: camelCase fields, snake_case enum codes.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly RedisOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RedisLatestState _state = new();
    private readonly RedisPublishQueue _publishes;
    // One flush at a time (the loop, tests, shutdown), so transitions go out in the order they were queued.
    private readonly SemaphoreSlim _flushing = new(1, 1);
    // The flush's own buffers, reused under _flushing.
    private readonly List<RedisLatestState.StagedWrite> _writes = [];
    private readonly List<Opportunity> _outgoing = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _connect;
    private readonly Task _loop;
    private IConnectionMultiplexer? _connection;
    private int _disposed;
    private long _hashWrites;
    private long _published;
    private long _droppedPublishes;
    private long _failedWrites;
    private long _failedPublishes;
    private long _connectionFailures;
    // Set when a drop was logged while Redis is down; cleared on reconnection, so an outage logs its drops once.
    private int _dropLogged;
    private volatile string? _lastError;
    private volatile string _endpoints = "Redis";

    public RedisHotCache(RedisOptions options, TimeProvider time, ILogger<RedisHotCache>? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger<RedisHotCache>.Instance;
        Keys = new RedisKeys(options.KeyPrefix);
        _publishes = new RedisPublishQueue(options.MaxPendingPublishes);
        _connect = ConnectAsync();
        _loop = Task.Run(RunAsync);
    }

    public RedisKeys Keys { get; }

    public bool Connected => _connection?.IsConnected == true;

    public long HashWrites => Interlocked.Read(ref _hashWrites);

    public long Published => Interlocked.Read(ref _published);

    /// <summary>Transitions not published because Redis was down (counted and logged, never silent).</summary>
    public long DroppedPublishes => Interlocked.Read(ref _droppedPublishes);

    /// <summary>Transitions sent while connected whose publish failed (a timeout or a connection lost mid-flush).</summary>
    public long FailedPublishes => Interlocked.Read(ref _failedPublishes);

    /// <summary>Transitions that found the publish queue full and waited for a flush (back-pressure on the sink thread).</summary>
    public long PublishWaits => _publishes.FullWaits;

    public long FailedWrites => Interlocked.Read(ref _failedWrites);

    public void OnMarketEvent(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        marketEvent.DispatchTo(this);
    }

    public void OnOpportunity(Opportunity opportunity)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        if (!_publishes.Add(opportunity))
        {
            // Only after disposal: no flush is left to publish it.
            Interlocked.Increment(ref _droppedPublishes);
        }
    }

    public ComponentHealth GetHealth()
    {
        var figures = new Dictionary<string, double>
        {
            ["keys"] = _state.KeyCount,
            ["hash_writes"] = HashWrites,
            ["published"] = Published,
            ["pending_publishes"] = _publishes.Pending,
            ["publish_waits"] = PublishWaits,
            ["dropped_publishes"] = DroppedPublishes,
            ["failed_publishes"] = FailedPublishes,
            ["failed_writes"] = FailedWrites,
            ["connection_failures"] = Interlocked.Read(ref _connectionFailures),
        };
        (HealthLevel level, string message) = Connected
            ? (HealthLevel.Healthy, $"connected to {_endpoints}")
            : (HealthLevel.Degraded, $"Redis down — running on in-memory state{(_lastError is null ? "" : $"; last error: {_lastError}")}");
        return new ComponentHealth("redis", level, message, figures, _time.GetUtcNow().UtcDateTime);
    }

    public async ValueTask DisposeAsync()
    {
        // Registered under several service types, so a container may dispose it more than once.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await _loop;
        // Closed before the last flush, so nothing can be queued after it and left behind unpublished.
        _publishes.Close();
        try
        {
            await FlushAsync();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogFinalFlushFailed(_logger, ex.Message);
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _stop.Dispose();
        _flushing.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Final Redis flush failed: {Error}")]
    private static partial void LogFinalFlushFailed(ILogger logger, string error);
}
