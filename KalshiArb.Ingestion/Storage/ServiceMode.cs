namespace KalshiArb.Ingestion.Storage;

/// <summary>Whether an external store is used: probed at start-up (<see cref="Auto"/>), required, or not used.</summary>
public enum ServiceMode
{
    /// <summary>Use it when reachable at start-up; otherwise fall back to in-process state and say so on the Health page.</summary>
    Auto,

    /// <summary>Always use it; while it is down, writes are buffered and the Health page reports it.</summary>
    On,

    /// <summary>Never use it.</summary>
    Off,
}
