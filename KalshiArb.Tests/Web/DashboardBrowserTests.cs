using KalshiArb.Tests.Infrastructure;
using Microsoft.Playwright;

namespace KalshiArb.Tests.Web;

/// <summary>
/// The new user's story in a real browser (Debian's Chromium, headless): live opportunities from the simulator,
/// a market chart with history, log in, log an execution and see it listed with its closing-line value, also on Performance. Screenshots are kept as artifacts: files under the test output's TestResults/screenshots and test attachments.
/// </summary>
public sealed class DashboardBrowserTests
{
    private const float Timeout = 30_000;

    [Fact]
    public async Task A_new_user_watches_live_opportunities_opens_a_chart_logs_in_and_logs_an_execution()
    {
        HeadlessChromium.SkipUnlessInstalled();

        await using var app = new BrowserAppFactory(FreePort.Next());
        app.StartServer();
        string screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        if (Directory.Exists(screenshots))
        {
            Directory.Delete(screenshots, recursive: true); // only this run's pictures
        }

        Directory.CreateDirectory(screenshots);

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await HeadlessChromium.LaunchAsync(playwright);
        IPage page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        page.SetDefaultTimeout(Timeout);

        // Live: opportunities from the simulator appear within seconds.
        await page.GotoAsync(app.BaseUrl);
        await page.Locator(".opportunity-open[data-testid=opportunity-row]").First.WaitForAsync();
        await Assertions.Expect(page.GetByTestId("freshness")).ToHaveTextAsync("LIVE", new() { Timeout = Timeout });
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "01-live.png"), FullPage = true });

        // Markets: the chart draws (ApexCharts renders an SVG) with history from the SAMPLE BY query.
        string ticker = (await page.Locator("[data-testid=opportunity-row] a").First.TextContentAsync())!.Trim();
        await page.GotoAsync($"{app.BaseUrl}/markets/{Uri.EscapeDataString(ticker)}");
        await page.Locator("[data-testid=quote-chart] svg").First.WaitForAsync();
        await Assertions.Expect(page.GetByTestId("market-title")).ToHaveTextAsync(ticker);
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "02-market-chart.png"), FullPage = true });

        // Log in through the form (anti-forgery token included by the page).
        await page.GotoAsync($"{app.BaseUrl}/login?returnUrl=%2Fexecutions");
        await page.FillAsync("#username", BrowserAppFactory.UserName);
        await page.FillAsync("#password", BrowserAppFactory.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        // Wait for the redirect itself, not the page's load event: the signed-in name below proves the page rendered.
        await page.WaitForURLAsync($"{app.BaseUrl}/executions", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(BrowserAppFactory.UserName, new() { Timeout = Timeout });
        await page.Locator("[data-testid=execution-form][data-interactive=true]").WaitForAsync();

        // Log an execution by hand on the market charted above: YES, 10 contracts at 0.50 (on the 0.01 grid).
        await FillAsync(page, "field-ticker", ticker);
        await page.Locator("input[data-testid=side-yes]").ClickAsync(new() { Force = true });
        await FillAsync(page, "field-planned-price", "0.5");
        await FillAsync(page, "field-price", "0.5");
        await FillAsync(page, "field-quantity", "10");
        await FillAsync(page, "field-fee", "0.18");
        await page.GetByTestId("execution-submit").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "03-execution-submitted.png"), FullPage = true });

        await Assertions.Expect(page.GetByTestId("execution-logged")).ToBeVisibleAsync(new() { Timeout = Timeout });
        ILocator row = page.Locator("[data-testid=execution-row]", new() { HasText = ticker });
        await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "04-execution-listed.png"), FullPage = true });

        // Its closing-line value: the simulator's games start tomorrow, so both closes are read at now ("to now").
        await Assertions.Expect(row.GetByTestId("clv-kalshi")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[+−]?\d+\.\d% \([+−]?\d+\.\d¢\) to now$"), new() { Timeout = Timeout });
        await Assertions.Expect(row.GetByTestId("clv-sharp")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"to now$"), new() { Timeout = Timeout });
        await Assertions.Expect(row.GetByTestId("clv-sharp")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("^All-book consensus \\(betmgm, caesars, draftkings, fanduel\\)"));

        // Performance: the execution counted once under "Kalshi only" (no hedge), with a figure against each close.
        await page.GotoAsync($"{app.BaseUrl}/performance");
        ILocator kalshiOnly = page.Locator("[data-testid=clv-executions-book] [data-label='Kalshi only']");
        await Assertions.Expect(kalshiOnly.GetByTestId("beat-kalshi")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(0\.0|100\.0)% of 1$"), new() { Timeout = Timeout });
        await Assertions.Expect(kalshiOnly.GetByTestId("beat-sharp")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(0\.0|100\.0)% of 1$"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "05-performance-clv.png"), FullPage = true });
        foreach (string shot in Directory.GetFiles(screenshots, "*.png"))
        {
            TestContext.Current.AddAttachment(Path.GetFileName(shot), await File.ReadAllBytesAsync(shot, TestContext.Current.CancellationToken), "image/png");
        }
    }

    private static async Task FillAsync(IPage page, string testId, string value)
    {
        ILocator input = page.Locator($"input[data-testid={testId}]");
        await input.FillAsync(value);
        await input.PressAsync("Tab"); // MudBlazor inputs commit their value on change (blur)
    }
}
