using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace KalshiArb.Ingestion.Feeds.Odds;

/// <summary>
/// The transport of the odds feed: one GET of <c>/v4/sports/{sport}/odds</c> with the configured query, asking for
/// gzip (the documented way to cut transfer by about 85%) and gunzipping what the HTTP handler has not already.
/// The key travels in the query string, so the URL is never logged, only <see cref="Path"/>.
/// </summary>
internal sealed class OddsApiHttp(HttpClient http, OddsApiOptions options)
{
    public static string Path(string sport) => $"/v4/sports/{Uri.EscapeDataString(sport)}/odds";

    /// <summary>The whole answer, whatever its status. Network failures and timeouts throw, as <see cref="HttpClient"/> does.</summary>
    public async Task<OddsApiResponse> GetOddsAsync(string sport, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.BaseUrl.TrimEnd('/') + Path(sport) + Query()));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        byte[] body = await ReadBodyAsync(response, ct).ConfigureAwait(false);
        return new OddsApiResponse((int)response.StatusCode, body, OddsApiQuota.Read(response.Headers));
    }

    /// <summary>The body, gunzipped when the server compressed it and the HTTP handler has not already.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        byte[] raw = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        if (!response.Content.Headers.ContentEncoding.Contains("gzip", StringComparer.OrdinalIgnoreCase))
        {
            return raw;
        }

        using var compressed = new MemoryStream(raw);
        await using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var plain = new MemoryStream();
        await gzip.CopyToAsync(plain, ct).ConfigureAwait(false);
        return plain.ToArray();
    }

    private string Query()
    {
        var query = new StringBuilder()
            .Append("?apiKey=").Append(Uri.EscapeDataString(options.ApiKey!))
            .Append("&regions=").Append(Uri.EscapeDataString(options.Regions))
            .Append("&markets=").Append(Uri.EscapeDataString(options.Markets))
            .Append("&oddsFormat=american&dateFormat=iso");
        if (options.Bookmakers.Count > 0)
        {
            query.Append("&bookmakers=").Append(Uri.EscapeDataString(string.Join(',', options.Bookmakers)));
        }

        return query.ToString();
    }
}
