namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>QuestDB refused a row for good (schema mismatch, bad value). The row is kept in the spool's rejected file.</summary>
internal sealed class IlpRejectedException : Exception
{
    public IlpRejectedException()
    {
    }

    public IlpRejectedException(string message)
        : base(message)
    {
    }

    public IlpRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public IlpRejectedException(string error, string line)
        : base($"QuestDB rejected the row: {error}. Row: {line}")
    {
        Error = error;
        Line = line;
    }

    public string? Error { get; }

    public string? Line { get; }
}
