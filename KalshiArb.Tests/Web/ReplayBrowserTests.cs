using KalshiArb.Tests.Infrastructure;
using Microsoft.Playwright;

namespace KalshiArb.Tests.Web;

/// <summary>
/// In a real browser (Debian's Chromium, headless) over the whole app with the simulator: Replay on a Live row opens the
/// opportunity's replay, recomputed from the in-memory history, and it agrees with what was logged. Every wait is on a
/// condition with a generous timeout, so a loaded machine only makes it slower.
/// </summary>
public sealed class ReplayBrowserTests
{
    private const float Timeout = 90_000;

    [Fact]
    public async Task Replay_on_a_live_row_shows_the_recomputed_evaluation_agreeing_with_the_logged_one()
    {
        HeadlessChromium.SkipUnlessInstalled();

        await using var app = new BrowserAppFactory(FreePort.Next());
        app.StartServer();
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await HeadlessChromium.LaunchAsync(playwright);
        IPage page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        page.SetDefaultTimeout(Timeout);
        page.SetDefaultNavigationTimeout(Timeout);

        await page.GotoAsync(app.BaseUrl);
        ILocator replay = page.Locator(".opportunity-open[data-testid=opportunity-row] [data-testid=replay-link]").First;
        await replay.WaitForAsync();
        await replay.ClickAsync();

        await page.WaitForURLAsync("**/replay/**", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.GetByTestId("replay-verdict")).ToContainTextAsync("recomputed = logged", new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("replay-check").First).ToContainTextAsync("Open", new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("replay-position")).ToContainTextAsync("Step ", new() { Timeout = Timeout });
    }
}
