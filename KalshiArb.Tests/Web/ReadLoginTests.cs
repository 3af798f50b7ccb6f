using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KalshiArb.Tests.Web;

public sealed class ReadLoginTests : IDisposable
{
    private readonly DashboardFactory _factory = new() { RequireLoginForReadPages = true };
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task With_read_login_required_pages_redirect_to_login_and_the_api_answers_401_until_logged_in()
    {
        using HttpClient client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using HttpResponseMessage page = await client.GetAsync(new Uri("/performance", UriKind.Relative), _ct);
        using HttpResponseMessage api = await client.GetAsync(new Uri("/api/opportunities", UriKind.Relative), _ct);
        using HttpResponseMessage login = await client.GetAsync(new Uri("/login", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        await LoginClient.LogInAsync(client, DashboardFactory.UserName, DashboardFactory.Password, _ct);
        using HttpResponseMessage afterLogin = await client.GetAsync(new Uri("/api/opportunities", UriKind.Relative), _ct);
        Assert.Equal(HttpStatusCode.OK, afterLogin.StatusCode);
    }

    [Fact]
    public async Task By_default_read_pages_and_the_api_need_no_login()
    {
        using var open = new DashboardFactory();
        using HttpClient client = open.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using HttpResponseMessage page = await client.GetAsync(new Uri("/performance", UriKind.Relative), _ct);
        using HttpResponseMessage api = await client.GetAsync(new Uri("/api/opportunities", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }
}
