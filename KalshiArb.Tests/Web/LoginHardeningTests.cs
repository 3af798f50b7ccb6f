using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KalshiArb.Tests.Web;

/// <summary>Login attempts are rate-limited per client and the login cookie is HttpOnly, SameSite=Strict and Secure behind HTTPS.</summary>
public sealed class LoginHardeningTests : IDisposable
{
    private readonly DashboardFactory _factory = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_sixth_wrong_password_within_a_minute_is_refused_with_429()
    {
        using HttpClient client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (int attempt = 1; attempt <= 6; attempt++)
        {
            using HttpResponseMessage response = await LoginClient.LogInAsync(client, DashboardFactory.UserName, $"wrong-{attempt}", _ct);
            statuses.Add(response.StatusCode);
        }

        using HttpResponseMessage right = await LoginClient.LogInAsync(client, DashboardFactory.UserName, DashboardFactory.Password, _ct);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Redirect, 5).Append(HttpStatusCode.TooManyRequests), statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode); // even the right password waits out the window
        Assert.True(right.Headers.RetryAfter is not null || right.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Behind_an_https_proxy_the_login_cookie_is_secure_httponly_and_samesite_strict()
    {
        // The proxy's client speaks HTTPS, so it would send the Secure anti-forgery cookie back: forwarded by hand here,
        // since the test client itself talks plain HTTP to the app.
        using HttpClient proxied = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        proxied.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using HttpResponseMessage loginPage = await proxied.GetAsync(new Uri("/login", UriKind.Relative), _ct);
        string antiforgery = loginPage.Headers.GetValues("Set-Cookie").Single(c => c.Contains("Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        proxied.DefaultRequestHeaders.Add("Cookie", antiforgery.Split(';')[0]);
        using HttpClient direct = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using HttpResponseMessage viaProxy = await LoginClient.LogInAsync(proxied, DashboardFactory.UserName, DashboardFactory.Password, _ct);
        using HttpResponseMessage plain = await LoginClient.LogInAsync(direct, DashboardFactory.UserName, DashboardFactory.Password, _ct);

        string secureCookie = AuthCookie(viaProxy);
        string plainCookie = AuthCookie(plain);
        Assert.Contains("secure", secureCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", secureCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", secureCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", plainCookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", plainCookie, StringComparison.OrdinalIgnoreCase);
    }

    private static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out IEnumerable<string>? cookies)
            ? cookies.Single(c => c.StartsWith("kalshiarb.auth=", StringComparison.Ordinal))
            : throw new InvalidOperationException($"no Set-Cookie on the login answer ({(int)response.StatusCode})");
}
