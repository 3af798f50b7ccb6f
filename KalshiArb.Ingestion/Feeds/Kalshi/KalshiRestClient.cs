using System.Net;
using System.Text.Json;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// Market discovery over Kalshi's REST API: series (with fees), events with nested markets, and markets by
/// series with cursor pagination. Requests are signed when credentials are configured. Kalshi's 429 carries
/// no Retry-After, so 429 and 5xx are retried with exponential backoff a bounded number of times.
/// </summary>
internal sealed class KalshiRestClient : IDisposable
{
    private const int MaxAttempts = 5;
    private const int MaxPages = 100;

    private readonly HttpClient _http;
    private readonly KalshiOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<KalshiRestClient> _logger;
    private readonly Lazy<KalshiRequestSigner?> _signer;

    public KalshiRestClient(HttpClient http, IOptions<KalshiOptions> options, TimeProvider time, ILogger<KalshiRestClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _signer = new Lazy<KalshiRequestSigner?>(() => _options.HasCredentials ? KalshiRequestSigner.FromOptions(_options) : null);
    }

    /// <summary><c>GET /series?category=..</c>.</summary>
    public async Task<IReadOnlyList<KalshiSeriesInfo>> GetSeriesAsync(string category, CancellationToken cancellationToken)
    {
        var result = new List<KalshiSeriesInfo>();
        await foreach (JsonElement series in GetPagedAsync($"/series?category={Uri.EscapeDataString(category)}", "series", cancellationToken))
        {
            if (KalshiRestJson.ParseSeries(series) is { } info)
            {
                result.Add(info);
            }
        }

        return result;
    }

    /// <summary>
    /// <c>GET /series/fee_changes</c>: the fee changes Kalshi has scheduled (and not yet applied) for every series.
    /// A change whose fee type this product cannot price is logged and left out.
    /// </summary>
    public async Task<IReadOnlyList<ScheduledFeeChange>> GetSeriesFeeChangesAsync(CancellationToken cancellationToken)
    {
        using JsonDocument document = await GetJsonAsync("/series/fee_changes", cancellationToken).ConfigureAwait(false);
        var result = new List<ScheduledFeeChange>();
        if (!document.RootElement.TryGetProperty("series_fee_change_arr", out JsonElement changes) || changes.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (JsonElement change in changes.EnumerateArray())
        {
            if (KalshiRestJson.ParseFeeChange(change) is { } parsed)
            {
                result.Add(parsed);
            }
            else
            {
                KalshiLog.FeeChangeSkipped(_logger, change.GetRawText());
            }
        }

        return result;
    }

    /// <summary>Open events of a series with their markets: <c>GET /events?series_ticker=..&amp;status=open&amp;with_nested_markets=true</c>.</summary>
    public async Task<IReadOnlyList<KalshiMarketInfo>> GetEventsAsync(string seriesTicker, CancellationToken cancellationToken)
    {
        var result = new List<KalshiMarketInfo>();
        string path = $"/events?series_ticker={Uri.EscapeDataString(seriesTicker)}&status=open&with_nested_markets=true";
        await foreach (JsonElement kalshiEvent in GetPagedAsync(path, "events", cancellationToken))
        {
            if (!kalshiEvent.TryGetProperty("markets", out JsonElement markets) || markets.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            AddMarkets(result, markets.EnumerateArray(), seriesTicker);
        }

        return result;
    }

    /// <summary>Open markets of a series: <c>GET /markets?series_ticker=..&amp;status=open</c>, all pages.</summary>
    public async Task<IReadOnlyList<KalshiMarketInfo>> GetMarketsAsync(string seriesTicker, CancellationToken cancellationToken)
    {
        var result = new List<KalshiMarketInfo>();
        var page = new List<JsonElement>();
        await foreach (JsonElement market in GetPagedAsync($"/markets?series_ticker={Uri.EscapeDataString(seriesTicker)}&status=open&limit=1000", "markets", cancellationToken))
        {
            page.Add(market);
        }

        AddMarkets(result, page, seriesTicker);
        return result;
    }

    /// <summary>
    /// One market in any status, with its result once determined: <c>GET /markets/{ticker}</c>. Null when the answer
    /// holds no usable market object.
    /// </summary>
    public async Task<KalshiMarketInfo?> GetMarketAsync(string ticker, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticker);
        using JsonDocument document = await GetJsonAsync($"/markets/{Uri.EscapeDataString(ticker)}", cancellationToken).ConfigureAwait(false);
        if (!document.RootElement.TryGetProperty("market", out JsonElement market) || market.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // The object usually omits series_ticker; a ticker's series is the part before its first '-'.
        int dash = ticker.IndexOf('-', StringComparison.Ordinal);
        return KalshiRestJson.ParseMarket(market, dash > 0 ? ticker[..dash] : ticker);
    }

    public void Dispose()
    {
        if (_signer.IsValueCreated)
        {
            _signer.Value?.Dispose();
        }
    }

    private void AddMarkets(List<KalshiMarketInfo> result, IEnumerable<JsonElement> markets, string seriesTicker)
    {
        foreach (JsonElement market in markets)
        {
            if (KalshiRestJson.ParseMarket(market, seriesTicker) is { } info)
            {
                result.Add(info);
            }
            else
            {
                KalshiLog.MarketWithoutTickerSkipped(_logger, seriesTicker);
            }
        }
    }

    /// <summary>Every element of <paramref name="arrayName"/> across the cursor-paginated responses (cloned, documents are disposed).</summary>
    private async IAsyncEnumerable<JsonElement> GetPagedAsync(
        string pathAndQuery,
        string arrayName,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        for (int page = 0; page < MaxPages; page++)
        {
            string request = cursor is null ? pathAndQuery : $"{pathAndQuery}&cursor={Uri.EscapeDataString(cursor)}";
            using JsonDocument document = await GetJsonAsync(request, cancellationToken).ConfigureAwait(false);
            if (document.RootElement.TryGetProperty(arrayName, out JsonElement items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in items.EnumerateArray())
                {
                    yield return item.Clone();
                }
            }

            cursor = document.RootElement.TryGetProperty("cursor", out JsonElement next) && next.ValueKind == JsonValueKind.String
                ? next.GetString()
                : null;
            if (string.IsNullOrEmpty(cursor))
            {
                yield break;
            }
        }

        KalshiLog.TooManyPages(_logger, pathAndQuery, MaxPages);
    }

    private async Task<JsonDocument> GetJsonAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        var uri = new Uri(_options.EffectiveRestUrl.TrimEnd('/') + pathAndQuery);
        for (int attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (_signer.Value is { } signer)
            {
                foreach ((string name, string value) in signer.Headers("GET", uri.AbsolutePath, _time.GetUtcNow()))
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }
            }

            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            bool retryable = response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
            if (retryable && attempt + 1 < MaxAttempts)
            {
                TimeSpan delay = ExponentialBackoff.Delay(attempt, _options.ReconnectMin, _options.ReconnectMax, Random.Shared.NextDouble());
                KalshiLog.RestRetrying(_logger, uri.AbsolutePath, (int)response.StatusCode, delay);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"Kalshi REST {uri.AbsolutePath} answered {(int)response.StatusCode}", null, response.StatusCode);
            }

            await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonDocument.ParseAsync(body, default, cancellationToken).ConfigureAwait(false);
        }
    }
}
