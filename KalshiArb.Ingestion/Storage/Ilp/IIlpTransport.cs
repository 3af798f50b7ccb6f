namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>Delivers one batch of whole ILP lines to QuestDB. Never throws for network or server trouble: it reports it.</summary>
public interface IIlpTransport : IAsyncDisposable
{
    /// <summary>The transport's name ("http"), for the Health page.</summary>
    string Name { get; }

    Task<IlpSendResult> SendAsync(ReadOnlyMemory<byte> batch, CancellationToken ct);
}
