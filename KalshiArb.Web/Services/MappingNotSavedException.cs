namespace KalshiArb.Web.Services;

/// <summary>A mapping could not be stored, so it was not put in force. The message is for the user; the cause is in the log.</summary>
internal sealed class MappingNotSavedException : Exception
{
    public MappingNotSavedException()
    {
    }

    public MappingNotSavedException(string message)
        : base(message)
    {
    }

    public MappingNotSavedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
