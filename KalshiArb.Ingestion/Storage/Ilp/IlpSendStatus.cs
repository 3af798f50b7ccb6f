namespace KalshiArb.Ingestion.Storage.Ilp;

public enum IlpSendStatus
{
    /// <summary>The server acknowledged the batch (HTTP 204).</summary>
    Accepted,

    /// <summary>Unreachable, timed out, or a server error: try again later; the batch is kept.</summary>
    Retriable,

    /// <summary>The server refused the content (bad line, schema mismatch): sending it again cannot succeed.</summary>
    Rejected,

    /// <summary>
    /// The server refused us, not the rows (HTTP 401/403: credentials; 404/405: wrong address or path): an operator
    /// must fix the configuration. The batch is kept, as for <see cref="Retriable"/>, but not retried in a loop.
    /// </summary>
    Misconfigured,
}
