using KalshiArb.Tests.Infrastructure;
using Microsoft.Playwright;

namespace KalshiArb.Tests.Web;

/// <summary>In a real browser (Debian's Chromium, headless), simulator mode: a spread and a total appear on Live with their lines, the total with its "model" badge.</summary>
public sealed class LinesBrowserTests
{
    private const float Timeout = 60_000;

    [Fact]
    public async Task A_spread_and_a_total_appear_on_live_in_simulator_mode()
    {
        HeadlessChromium.SkipUnlessInstalled();

        await using var app = new BrowserAppFactory(FreePort.Next());
        app.StartServer();
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await HeadlessChromium.LaunchAsync(playwright);
        IPage page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        page.SetDefaultTimeout(Timeout);

        await page.GotoAsync(app.BaseUrl);
        ILocator spread = page.Locator(".opportunity-open[data-testid=opportunity-row]", new() { HasText = "SPREAD-" });
        ILocator total = page.Locator(".opportunity-open[data-testid=opportunity-row]", new() { HasText = "TOTAL-" });
        await spread.First.WaitForAsync();
        await total.First.WaitForAsync();

        // "Kansas City Chiefs −3.5" style on the spread; "Over 45.5" style and the model badge on the total (books quote only other lines).
        await Assertions.Expect(spread.First.GetByTestId("line")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*\S.* \u2212\d+(\.5)?\s*$"));
        await Assertions.Expect(total.First.GetByTestId("line")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*Over \d+\.5\s*$"));
        await Assertions.Expect(total.First.GetByTestId("model-badge")).ToBeVisibleAsync();
        string? inputs = await total.First.GetByTestId("model-badge").GetAttributeAsync("title");
        Assert.StartsWith("normal σ ", inputs);
    }
}
