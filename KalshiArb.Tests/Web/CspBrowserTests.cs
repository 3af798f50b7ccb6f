using KalshiArb.Tests.Infrastructure;
using Microsoft.Playwright;

namespace KalshiArb.Tests.Web;

/// <summary>
/// Every page under the app's Content-Security-Policy in a real browser (Debian's Chromium, headless), signed in so
/// the forms render: not one <c>securitypolicyviolation</c> event and no "Refused to" console message, while the
/// Blazor circuit connects and the chart draws. A script injected inline at the end proves the listener sees a
/// violation when there is one.
/// </summary>
public sealed class CspBrowserTests
{
    private const float Timeout = 30_000;

    /// <summary>Collects violations from the first script of every document, before the page's own scripts run.</summary>
    private const string ViolationListener = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
          window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
        """;

    [Fact]
    public async Task No_page_breaks_the_content_security_policy()
    {
        HeadlessChromium.SkipUnlessInstalled();

        await using var app = new BrowserAppFactory(FreePort.Next());
        app.StartServer();
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await HeadlessChromium.LaunchAsync(playwright);
        IPage page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        page.SetDefaultTimeout(Timeout);
        await page.AddInitScriptAsync(ViolationListener);
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                console.Add($"{page.Url}: {message.Text}");
            }
        };

        // Signed in first, so the execution, settlement and mapping forms are on their pages.
        IResponse login = (await page.GotoAsync($"{app.BaseUrl}/login"))!;
        string csp = (await login.AllHeadersAsync())["content-security-policy"];
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        await page.FillAsync("#username", BrowserAppFactory.UserName);
        await page.FillAsync("#password", BrowserAppFactory.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(BrowserAppFactory.UserName, new() { Timeout = Timeout });

        await page.GotoAsync(app.BaseUrl);
        await Assertions.Expect(page.GetByTestId("freshness")).ToHaveTextAsync("LIVE", new() { Timeout = Timeout }); // the circuit and hub are up
        await page.Locator(".opportunity-open[data-testid=opportunity-row]").First.WaitForAsync();
        var violations = new List<string>(await ViolationsAsync(page, "/"));
        string ticker = (await page.Locator("[data-testid=opportunity-row] a").First.TextContentAsync())!.Trim();

        await page.GotoAsync($"{app.BaseUrl}/markets/{Uri.EscapeDataString(ticker)}");
        await page.Locator("[data-testid=quote-chart] svg").First.WaitForAsync(); // ApexCharts drew under the policy
        violations.AddRange(await ViolationsAsync(page, "/markets/{ticker}"));

        foreach (string path in new[] { "/markets", "/executions", "/performance", "/mappings", "/health", "/no-such-page" })
        {
            await page.GotoAsync($"{app.BaseUrl}{path}", new() { WaitUntil = WaitUntilState.NetworkIdle });
            await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(BrowserAppFactory.UserName, new() { Timeout = Timeout });
            violations.AddRange(await ViolationsAsync(page, path));
        }

        Assert.Empty(violations);
        Assert.Empty(console);

        // The listener is live: an inline script added now is refused and reported.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.appendChild(s); }");
        await page.WaitForFunctionAsync("() => window.__cspViolations.length > 0");
        Assert.Contains("script-src", Assert.Single(await page.EvaluateAsync<string[]>("() => window.__cspViolations")));
        Assert.False(await page.EvaluateAsync<bool>("() => window.__ran === true"));
    }

    /// <summary>The page's violations after a short settle (events fire asynchronously), each labelled with the page.</summary>
    private static async Task<IEnumerable<string>> ViolationsAsync(IPage page, string label)
    {
        await page.WaitForTimeoutAsync(1_000);
        string[] found = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        return found.Select(v => $"{label}: {v}");
    }
}
