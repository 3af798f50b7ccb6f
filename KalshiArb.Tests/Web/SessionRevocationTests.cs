using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using KalshiArb.Web.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KalshiArb.Tests.Web;

/// <summary>A login cookie stops working at logout, when its user is removed and when its password changes; so does an open page.</summary>
public sealed class SessionRevocationTests : IDisposable
{
    private const string Ticker = "KXNBA-LAL";
    private readonly DashboardFactory _factory = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public SessionRevocationTests() => _factory.Market.MarketList.Add(WebTestData.Market(Ticker));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task After_logout_a_copy_of_the_old_cookie_can_no_longer_record_an_execution()
    {
        string cookie = await LogInAndCopyCookieAsync();
        using HttpClient owner = ClientWith(cookie);
        using HttpResponseMessage before = await PostExecutionAsync(owner);

        await LogOutAsync(owner);
        using HttpClient thief = ClientWith(cookie);
        using HttpResponseMessage after = await PostExecutionAsync(thief);

        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Single(_factory.History.Executions);
    }

    [Theory]
    [InlineData("password changed")]
    [InlineData("user removed")]
    public async Task A_configuration_change_of_the_user_ends_their_sessions(string change)
    {
        string cookie = await LogInAndCopyCookieAsync();
        var config = (IConfigurationRoot)_factory.Services.GetRequiredService<IConfiguration>();

        if (change == "password changed")
        {
            config["Auth:Users:0:PasswordHash"] = PasswordHashing.Hash("a brand new password", 1_000);
        }
        else
        {
            config["Auth:Users:0:Name"] = "someone-else";
        }

        config.Reload();
        using HttpClient client = ClientWith(cookie);
        using HttpResponseMessage response = await PostExecutionAsync(client);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_factory.History.Executions);
    }

    [Fact]
    public async Task An_open_page_turns_anonymous_when_its_session_ends_in_another_tab()
    {
        var sessions = _factory.Services.GetRequiredService<SessionStore>();
        var principal = new ClaimsPrincipal(sessions.Start(DashboardFactory.UserName, "Cookies"));
        using var circuit = new SessionAuthenticationStateProvider(sessions);
        circuit.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        var changed = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        circuit.AuthenticationStateChanged += async state => changed.TrySetResult(await state);

        sessions.End(principal); // the logout endpoint's call, from the other tab's request

        AuthenticationState now = await changed.Task.WaitAsync(TimeSpan.FromSeconds(10), _ct);
        Assert.False(now.User.Identity?.IsAuthenticated);
        Assert.False((await circuit.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
    }

    private async Task<string> LogInAndCopyCookieAsync()
    {
        using HttpClient client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using HttpResponseMessage login = await LoginClient.LogInAsync(client, DashboardFactory.UserName, DashboardFactory.Password, _ct);
        return login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("kalshiarb.auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    private HttpClient ClientWith(string cookie)
    {
        HttpClient client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private async Task LogOutAsync(HttpClient client)
    {
        // The logout form's anti-forgery token comes from a page rendered for this user.
        using HttpResponseMessage page = await client.GetAsync(new Uri("/login", UriKind.Relative), _ct);
        string html = await page.Content.ReadAsStringAsync(_ct);
        string token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        string antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.Contains("Antiforgery", StringComparison.Ordinal)).Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["returnUrl"] = "/" }),
        };
        request.Headers.Add("Cookie", $"{client.DefaultRequestHeaders.GetValues("Cookie").Single()}; {antiforgery}");
        using HttpResponseMessage response = await client.SendAsync(request, _ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private Task<HttpResponseMessage> PostExecutionAsync(HttpClient client) =>
        client.PostAsJsonAsync("/api/executions", new { kalshiTicker = Ticker, side = "yes", plannedPrice = 0.42m, kalshiPrice = 0.44m, quantity = 10m, kalshiFee = 0.17m }, _ct);
}
