using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>
/// ILP over HTTP: <c>POST {base}/write?precision=n</c>, with the configured Authorization header. 204 means
/// committed. QuestDB answers a bad batch with 400 and a JSON body <c>{code, message, line, errorId}</c>: that is a
/// rejection (sending it again cannot succeed). 401/403 (credentials) and 404/405 (not QuestDB's /write) are
/// configuration errors: the batch is kept and an operator must act. Server errors, timeouts and refused
/// connections are retriable: the batch is kept.
/// </summary>
internal sealed class IlpHttpTransport : IIlpTransport
{
    private readonly HttpClient _http;
    private readonly bool _ownsClient;
    private readonly Uri _writeUri;
    private readonly AuthenticationHeaderValue? _authorization;

    /// <param name="authorization">Basic credentials when QuestDB has <c>http.user</c>/<c>http.password</c> set; sent on every request.</param>
    public IlpHttpTransport(Uri baseUri, TimeSpan requestTimeout, HttpClient? httpClient = null, AuthenticationHeaderValue? authorization = null)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        _ownsClient = httpClient is null;
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) });
        _http.Timeout = requestTimeout;
        _writeUri = new Uri(baseUri, "/write?precision=n");
        _authorization = authorization;
    }

    public string Name => "http";

    public async Task<IlpSendResult> SendAsync(ReadOnlyMemory<byte> batch, CancellationToken ct)
    {
        try
        {
            using var content = new ReadOnlyMemoryContent(batch);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
            using var request = new HttpRequestMessage(HttpMethod.Post, _writeUri) { Content = content };
            request.Headers.Authorization = _authorization;
            using var response = await _http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                return IlpSendResult.Accepted;
            }

            string body = await response.Content.ReadAsStringAsync(ct);
            int status = (int)response.StatusCode;
            return response.StatusCode switch
            {
                HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => ParseRejection(body, status),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => IlpSendResult.Misconfigured(
                    $"HTTP {status} from {Authority}: QuestDB refused the credentials ({(_authorization is null ? "none were sent" : _authorization.Scheme.ToLowerInvariant() + " auth")}); check QuestDb:IlpConnectionString"),
                HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed => IlpSendResult.Misconfigured(
                    $"HTTP {status} from {Authority}: {_writeUri.AbsolutePath} is not QuestDB's ILP endpoint; check the address in QuestDb:IlpConnectionString or QuestDb:HttpUrl"),
                _ => IlpSendResult.Retriable($"HTTP {status}: {Shorten(body)}"),
            };
        }
        catch (HttpRequestException ex)
        {
            return IlpSendResult.Retriable($"QuestDB unreachable at {Authority}: {ex.Message}");
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            return IlpSendResult.Retriable($"QuestDB did not answer within {_http.Timeout.TotalSeconds:0.#} s: {ex.Message}");
        }
    }

    private string Authority => _writeUri.GetLeftPart(UriPartial.Authority);

    /// <summary>Reads QuestDB's error body; tolerant of a body that is not JSON (a proxy's page, say).</summary>
    public static IlpSendResult ParseRejection(string body, int status)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            JsonElement root = doc.RootElement;
            string code = Text(root, "code") ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string message = Text(root, "message") ?? "no message";
            string? errorId = Text(root, "errorId");
            int? line = root.TryGetProperty("line", out JsonElement l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt32(out int n) ? n : null;
            string error = errorId is null ? $"{code}: {message}" : $"{code}: {message} (errorId {errorId})";
            return IlpSendResult.Rejected(error, line);
        }
        catch (JsonException)
        {
            return IlpSendResult.Rejected($"HTTP {status}: {Shorten(body)}", null);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out JsonElement value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";

    public ValueTask DisposeAsync()
    {
        if (_ownsClient)
        {
            _http.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
