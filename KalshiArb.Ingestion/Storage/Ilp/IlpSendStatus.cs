namespace KalshiArb.Ingestion.Storage.Ilp;

public enum IlpSendStatus
{
    /// <summary>The server acknowledged the batch (HTTP 204) or the bytes left for the socket (TCP).</summary>
    Accepted,

    /// <summary>Unreachable, timed out, or a server error: try again later; the batch is kept.</summary>
    Retriable,

    /// <summary>The server refused the content (bad line, schema mismatch): sending it again cannot succeed.</summary>
    Rejected,
}
