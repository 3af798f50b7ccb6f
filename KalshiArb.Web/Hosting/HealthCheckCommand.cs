namespace KalshiArb.Web.Hosting;

/// <summary>
/// <c>dotnet KalshiArb.Web.dll healthcheck [url]</c>: the container's HEALTHCHECK. The ASP.NET runtime image has
/// neither curl nor wget, so the app itself asks its <c>/api/health</c>; exit code 0 when it answers 2xx, else 1.
/// </summary>
internal static class HealthCheckCommand
{
    public const string Name = "healthcheck";
    public const string DefaultUrl = "http://127.0.0.1:8080/api/health";

    public static async Task<int> RunAsync(string? url, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using HttpResponseMessage response = await http.GetAsync(new Uri(url ?? DefaultUrl));
            await output.WriteLineAsync($"{(int)response.StatusCode} {response.ReasonPhrase}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            await output.WriteLineAsync($"unhealthy: {ex.Message}");
            return 1;
        }
    }
}
