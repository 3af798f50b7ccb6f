using System.ComponentModel.DataAnnotations;

namespace KalshiArb.Ingestion.Storage.Redis;

/// <summary>Configuration section "Redis"; validated at start, each error naming its setting.</summary>
internal sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>
    /// StackExchange.Redis configuration string, e.g. <c>redis:6379,password=...,ssl=true</c>; abortConnect=false is always
    /// added so the app starts and reconnects by itself. The password is a secret: only the endpoints are ever shown.
    /// </summary>
    public string ConnectionString { get; set; } = "127.0.0.1:6379";

    /// <summary>PEM file of the CA that signed the Redis server's TLS certificate (a private CA); empty: the system's trust store.</summary>
    public string CaCertificatePath { get; set; } = "";

    /// <summary>Prefix for every key and channel (tests use a per-run prefix).</summary>
    public string KeyPrefix { get; set; } = "";

    /// <summary>Auto: use Redis when it answers, keep running without it otherwise; On: same, reported as required; Off: no Redis.</summary>
    public ServiceMode Mode { get; set; } = ServiceMode.Auto;

    /// <summary>How often coalesced hash writes go out.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "Redis:FlushInterval must lie between 1 ms and 1 hour.")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Opportunity transitions waiting for the next flush to publish them (preallocated); when full, the sink thread
    /// waits for that flush (counted as publish_waits): back-pressure, nothing dropped while Redis is up.
    /// </summary>
    [Range(1, 10_000_000, ErrorMessage = "Redis:MaxPendingPublishes must lie between 1 and 10,000,000.")]
    public int MaxPendingPublishes { get; set; } = 10_000;
}
