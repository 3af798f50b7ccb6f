namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>
/// What a transport made of one batch. For <see cref="IlpSendStatus.Rejected"/>, <paramref name="LineNumber"/> is the
/// 1-based line QuestDB named in its error (null when it named none) and <paramref name="Error"/> its message.
/// </summary>
public readonly record struct IlpSendResult(IlpSendStatus Status, string? Error, int? LineNumber)
{
    public static IlpSendResult Accepted { get; } = new(IlpSendStatus.Accepted, null, null);

    public static IlpSendResult Retriable(string error) => new(IlpSendStatus.Retriable, error, null);

    public static IlpSendResult Misconfigured(string error) => new(IlpSendStatus.Misconfigured, error, null);

    public static IlpSendResult Rejected(string error, int? lineNumber) => new(IlpSendStatus.Rejected, error, lineNumber);
}
