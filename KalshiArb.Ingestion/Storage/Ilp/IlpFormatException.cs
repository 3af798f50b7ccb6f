namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>A row that cannot be encoded as ILP (invalid name, NaN, missing column, out-of-order call); nothing of it is kept.</summary>
internal sealed class IlpFormatException : ArgumentException
{
    public IlpFormatException()
    {
    }

    public IlpFormatException(string message)
        : base(message)
    {
    }

    public IlpFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
