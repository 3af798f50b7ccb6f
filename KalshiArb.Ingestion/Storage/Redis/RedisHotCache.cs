using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace KalshiArb.Ingestion.Storage.Redis;

/// <summary>
/// The Redis hot cache: the latest state of every market as hashes (<see cref="RedisKeys"/>) and each opportunity
/// transition published as JSON. Off the hot path: <see cref="OnMarketEvent"/> only records the new fields for the
/// key (coalescing bursts: a key written ten times between flushes is sent once) and <see cref="OnOpportunity"/>
/// queues a message on a bounded channel; a background loop sends them pipelined, fire-and-forget. With Redis down
/// the pipeline keeps running, the Health page says so, the multiplexer reconnects by itself, and on reconnection
/// every key's latest state is written again so the cache catches up. Pub/sub is at-most-once: messages that could
/// not be published while Redis was down are dropped and counted (state lives in the hashes).
/// </summary>
public sealed partial class RedisHotCache : IPipelineSink, IHealthSource, IMarketEventHandler, IAsyncDisposable
{
    /// <summary>The published JSON: camelCase fields, snake_case enum codes.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly RedisOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, string>> _state = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly Channel<string> _publishes;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _connect;
    private readonly Task _loop;
    private IConnectionMultiplexer? _connection;
    private int _disposed;
    private long _hashWrites;
    private long _published;
    private long _droppedPublishes;
    private long _failedWrites;
    private volatile string? _lastError;
    private volatile string _endpoints = "Redis";

    public RedisHotCache(RedisOptions options, TimeProvider time, ILogger<RedisHotCache>? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger<RedisHotCache>.Instance;
        Keys = new RedisKeys(options.KeyPrefix);
        _publishes = Channel.CreateBounded<string>(
            new BoundedChannelOptions(options.MaxPendingPublishes) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _droppedPublishes));
        _connect = ConnectAsync();
        _loop = Task.Run(RunAsync);
    }

    public RedisKeys Keys { get; }

    public bool Connected => _connection?.IsConnected == true;

    public long HashWrites => Interlocked.Read(ref _hashWrites);

    public long Published => Interlocked.Read(ref _published);

    public long DroppedPublishes => Interlocked.Read(ref _droppedPublishes);

    public long FailedWrites => Interlocked.Read(ref _failedWrites);

    public void OnMarketEvent(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        marketEvent.DispatchTo(this);
    }

    public void OnOpportunity(Opportunity opportunity)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        _publishes.Writer.TryWrite(JsonSerializer.Serialize(opportunity, Json));
    }

    public ComponentHealth GetHealth()
    {
        var figures = new Dictionary<string, double>
        {
            ["keys"] = KeyCount(),
            ["hash_writes"] = HashWrites,
            ["published"] = Published,
            ["dropped_publishes"] = DroppedPublishes,
            ["failed_writes"] = FailedWrites,
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
    }

    private void Stage(string key, Action<Dictionary<string, string>> update)
    {
        lock (_gate)
        {
            if (!_state.TryGetValue(key, out Dictionary<string, string>? fields))
            {
                fields = new Dictionary<string, string>(StringComparer.Ordinal);
                _state[key] = fields;
            }

            update(fields);
            _dirty.Add(key);
        }
    }

    private int KeyCount()
    {
        lock (_gate)
        {
            return _state.Count;
        }
    }

    /// <summary>An unknown value is stored as an empty marker and sent as a field deletion, so a stale price never lingers.</summary>
    private static void SetOrClear(Dictionary<string, string> fields, string name, decimal? value) =>
        fields[name] = value is { } v ? Text(v) : "";

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Final Redis flush failed: {Error}")]
    private static partial void LogFinalFlushFailed(ILogger logger, string error);
}
