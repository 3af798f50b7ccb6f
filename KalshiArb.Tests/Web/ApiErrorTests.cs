using System.Net;
using System.Text;
using System.Text.Json;
using KalshiArb.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KalshiArb.Tests.Web;

/// <summary>
/// Plausible bad input is a 400 ProblemDetails naming the field, never a 500; no answer carries exception text; every
/// answer has the security headers; an unknown page is the not-found page. Run in Production, as the README starts it.
/// </summary>
public sealed class ApiErrorTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kalshiarb-errors-").FullName;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private FullAppFactory _app = null!;
    private HttpClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _app = new FullAppFactory(new Dictionary<string, string>
        {
            ["Simulator:Enabled"] = "on",
            ["QuestDb:Mode"] = "Off",
            ["QuestDb:SpoolDirectory"] = Path.Combine(_directory, "spool"),
            ["Redis:Mode"] = "Off",
            ["Auth:Users:0:Name"] = DashboardFactory.UserName,
            ["Auth:Users:0:PasswordHash"] = KalshiArb.Web.Auth.PasswordHashing.Hash(DashboardFactory.Password, 1_000),
            ["Auth:PasswordIterations"] = "1000",
            ["Auth:GeneratedUserFile"] = Path.Combine(_directory, "auth.json"),
            ["Auth:KeysDirectory"] = Path.Combine(_directory, "keys"),
        });
        _client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("/api/executions?days=abc", "days")]
    [InlineData("/api/executions?days=1e400", "days")]
    [InlineData("/api/executions?days=0", "days")]
    [InlineData("/api/opportunities/history?from=0001-01-01T00:00:00Z&to=0001-01-01T01:00:00Z", "to")]
    [InlineData("/api/opportunities/history?from=0001-01-01T00:00:00Z", "from")]
    [InlineData("/api/opportunities/history?from=not-a-date", "from")]
    [InlineData("/api/opportunities/history?ticker=%00KX", "ticker")]
    [InlineData("/api/opportunities/history?limit=100000", "limit")]
    [InlineData("/api/opportunities/history?after=%00%00", "after")]
    [InlineData("/api/opportunities/history?after=bm90LWEtY3Vyc29y", "after")]
    public async Task Bad_query_input_is_a_400_problem_naming_the_field(string url, string field)
    {
        using HttpResponseMessage response = await _client.GetAsync(new Uri(url, UriKind.Relative), _ct);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("""{"kalshiTicker":"KX","side":"yes","plannedPrice":1e400,"kalshiPrice":0.5,"quantity":1}""", "plannedPrice")]
    [InlineData("""{"kalshiTicker":"KX","side":"yes","plannedPrice":0.5,"kalshiPrice":0.5,"quantity":"lots"}""", "quantity")]
    [InlineData("""{"kalshiTicker":"K\u0000X","side":"yes","plannedPrice":0.5,"kalshiPrice":0.5,"quantity":1,"kalshiOrderId":"a\u0000b"}""", "KalshiOrderId")]
    [InlineData("""not json""", "input")]
    public async Task A_bad_execution_body_is_a_400_problem_naming_the_field(string json, string field)
    {
        await LoginClient.LogInAsync(_client, DashboardFactory.UserName, DashboardFactory.Password, _ct);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using HttpResponseMessage response = await _client.PostAsync(new Uri("/api/executions", UriKind.Relative), content, _ct);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example")]
    [InlineData("/caf\u00e9")]
    [InlineData("https://evil.example/")]
    public async Task An_odd_return_url_on_login_redirects_home_never_500(string returnUrl)
    {
        string page = await _client.GetStringAsync(new Uri("/login", UriKind.Relative), _ct);
        string token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["UserName"] = DashboardFactory.UserName,
            ["Password"] = DashboardFactory.Password,
            ["ReturnUrl"] = returnUrl,
        });

        using HttpResponseMessage response = await _client.PostAsync(new Uri("/account/login", UriKind.Relative), form, _ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_nul_in_the_login_form_is_a_400_never_a_500()
    {
        string page = await _client.GetStringAsync(new Uri("/login", UriKind.Relative), _ct);
        string token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["UserName"] = "a\u0000b",
            ["Password"] = "x",
            ["ReturnUrl"] = "/\u0000",
        });

        using HttpResponseMessage response = await _client.PostAsync(new Uri("/account/login", UriKind.Relative), form, _ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_404_problem_and_an_unknown_page_the_not_found_page_both_with_security_headers()
    {
        using HttpResponseMessage api = await _client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative), _ct);
        using HttpResponseMessage page = await _client.GetAsync(new Uri("/no-such-page", UriKind.Relative), _ct);
        string html = await page.Content.ReadAsStringAsync(_ct);

        await AssertProblemAsync(api, HttpStatusCode.NotFound, field: null);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Not Found", html, StringComparison.Ordinal);
        foreach (HttpResponseMessage response in new[] { api, page })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), body);
        }

        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal); // no stack trace
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }
}
