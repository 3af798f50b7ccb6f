using System.Globalization;
using System.Text.RegularExpressions;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Playwright;

namespace KalshiArb.Tests.Web;

/// <summary>
/// Every page as a new trader meets it, in a real browser, once on in-memory history and once on a real QuestDB:
/// games by name in the viewer's time zone (New York here) and never a sportsbook event id, per-page titles and a
/// favicon, the UTC choice remembered by the browser, Performance totals that agree, the execution form prefilled
/// from an opportunity whose label survives the submit. Screenshots of each page are kept under the test output's
/// TestResults/screenshots/&lt;mode&gt;-*.png (the README's pictures come from them).
/// </summary>
public sealed partial class PageScreenshotsBrowserTests(QuestDbFixture questDb)
{
    private const float Timeout = 45_000;

    [Theory]
    [InlineData("in-memory")]
    [InlineData("questdb")]
    public async Task Every_page_reads_as_a_trader_expects(string mode)
    {
        HeadlessChromium.SkipUnlessInstalled();
        var settings = new Dictionary<string, string?> { ["Simulator:DislocationEverySeconds"] = "10" };
        if (mode == "questdb")
        {
            questDb.SkipIfUnavailable();
            settings["QuestDb:Mode"] = "On";
            settings["QuestDb:HttpUrl"] = questDb.HttpUrl;
            settings["QuestDb:PgConnectionString"] = questDb.PgConnectionString;
            settings["QuestDb:TablePrefix"] = questDb.NewTablePrefix();
            settings["QuestDb:AutoFlushInterval"] = "00:00:00.100";
        }

        await using var app = new BrowserAppFactory(FreePort.Next(), settings);
        app.StartServer();
        string screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(screenshots);
        foreach (string old in Directory.GetFiles(screenshots, $"{mode}-*.png"))
        {
            File.Delete(old);
        }

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await HeadlessChromium.LaunchAsync(playwright);
        await using IBrowserContext context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 }, TimezoneId = "America/New_York", ColorScheme = ColorScheme.Dark });
        IPage page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);

        async Task ShotAsync(string name) => await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, $"{mode}-{name}.png"), FullPage = true });

        // Live: an opportunity from the simulator, its game named, its start in New York time (no " UTC" suffix).
        await page.GotoAsync(app.BaseUrl);
        await Assertions.Expect(page).ToHaveTitleAsync("Live · KalshiArb");
        await page.Locator("[data-testid=time-zone-toggle][data-zone-known=true]").WaitForAsync();
        ILocator firstRow = page.Locator(".opportunity-open[data-testid=opportunity-row]").First;
        await firstRow.WaitForAsync();
        // Once the browser has told the circuit its zone, the start time is local to it.
        await Assertions.Expect(firstRow.Locator("[data-testid=game-name]")).Not.ToContainTextAsync(" UTC");
        Assert.Matches(GameLabel(), (await firstRow.Locator("[data-testid=game-name]").TextContentAsync())!);
        Assert.DoesNotMatch(EventId(), await page.GetByTestId("opportunity-table").InnerTextAsync());
        string favicon = (await page.Locator("link[rel=icon]").GetAttributeAsync("href"))!;
        Assert.True((await page.APIRequest.GetAsync($"{app.BaseUrl}/{favicon}")).Ok, $"favicon {favicon} not served");
        await ShotAsync("01-live");

        // The UTC choice is remembered by this browser across a reload.
        await page.GetByTestId("time-zone-toggle").GetByText("UTC").ClickAsync();
        await Assertions.Expect(firstRow.Locator("[data-testid=game-name]")).ToContainTextAsync(" UTC");
        await page.ReloadAsync();
        await page.Locator("[data-testid=time-zone-toggle][data-zone-known=true]").WaitForAsync(); // the browser has told the circuit
        await Assertions.Expect(page.Locator("[data-testid=opportunity-row] [data-testid=game-name]").First).ToContainTextAsync(" UTC");
        await page.GetByTestId("time-zone-toggle").GetByText("Local time").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=opportunity-row] [data-testid=game-name]").First).Not.ToContainTextAsync(" UTC");
        Assert.Equal("local", await page.EvaluateAsync<string>("() => localStorage.getItem('kalshiarb.timeZone')"));

        ILocator openRow = page.Locator("[data-testid=opportunity-row].opportunity-open").First;
        string opportunityId = (await openRow.GetAttributeAsync("data-opportunity-id"))!;
        string ticker = (await page.Locator($"[data-opportunity-id='{opportunityId}'] a").First.TextContentAsync())!.Trim();

        // Markets: the chart over the market's history, the mapping named by its game.
        await page.GotoAsync($"{app.BaseUrl}/markets/{Uri.EscapeDataString(ticker)}");
        await Assertions.Expect(page).ToHaveTitleAsync("Markets · KalshiArb");
        await page.Locator("[data-testid=quote-chart] svg").First.WaitForAsync();
        Assert.Matches(GameLabel(), (await page.Locator("[data-testid=market-mapping] [data-testid=game-name]").TextContentAsync())!);
        await ShotAsync("02-market");

        // Performance: the per-sport and per-edge totals are the Detected count.
        await page.GotoAsync($"{app.BaseUrl}/performance");
        await Assertions.Expect(page).ToHaveTitleAsync("Performance · KalshiArb");
        await page.GetByTestId("detected-total").WaitForAsync();
        // The prerendered page is replaced when the circuit starts, its figures read again while the simulator runs:
        // compare the figures of one rendering (read until two reads of the total agree around the sums).
        int detected = 0, bySport = 0, byEdge = 0;
        await Poll.WithinAsync(
            async () =>
            {
                detected = int.Parse((await page.GetByTestId("detected-total").TextContentAsync())!, CultureInfo.InvariantCulture);
                bySport = await SumAsync(page, "[data-testid=by-sport] tbody td.text-right");
                byEdge = await SumAsync(page, "[data-testid=by-edge] tbody td.text-right");
                bool settled = detected == int.Parse((await page.GetByTestId("detected-total").TextContentAsync())!, CultureInfo.InvariantCulture);
                return settled && bySport == detected && byEdge == detected;
            },
            TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken);

        Assert.True(detected > 0, "no opportunity counted");
        Assert.Equal(detected, bySport);
        Assert.Equal(detected, byEdge);
        await Assertions.Expect(page.GetByTestId("daily-pnl-empty")).ToBeVisibleAsync();
        await ShotAsync("03-performance");

        // Mappings: the simulator's mappings are all confirmed, and the page says so; games by name.
        await page.GotoAsync($"{app.BaseUrl}/mappings");
        await Assertions.Expect(page).ToHaveTitleAsync("Mappings · KalshiArb");
        await Assertions.Expect(page.GetByTestId("suggestions-empty")).ToContainTextAsync("Nothing to confirm");
        Assert.DoesNotMatch(EventId(), await page.GetByTestId("mapping-list").InnerTextAsync());
        await ShotAsync("04-mappings");

        await page.GotoAsync($"{app.BaseUrl}/health");
        await Assertions.Expect(page).ToHaveTitleAsync("Health · KalshiArb");
        await ShotAsync("05-health");

        // Executions: log in, take the opportunity from Live; the picker names it before and after the submit.
        await page.GotoAsync($"{app.BaseUrl}/login?returnUrl={Uri.EscapeDataString($"/executions?opportunity={opportunityId}")}");
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("KalshiArb$"));
        await page.FillAsync("#username", BrowserAppFactory.UserName);
        await page.FillAsync("#password", BrowserAppFactory.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(new Regex("/executions"), new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator("[data-testid=execution-form][data-interactive=true]").WaitForAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("Executions · KalshiArb");
        ILocator picker = page.Locator("input[data-testid=opportunity-picker], [data-testid=opportunity-picker] input").First;
        Assert.Matches(GameLabel(), await picker.InputValueAsync());
        Assert.DoesNotMatch(EventId(), await picker.InputValueAsync());
        string limit = await page.Locator("input[data-testid=field-limit-price]").InputValueAsync();
        Assert.Equal(limit, await page.Locator("input[data-testid=field-price]").InputValueAsync());
        await Assertions.Expect(page.GetByTestId("execution-form")).Not.ToContainTextAsync("slippage");
        await ShotAsync("06-executions-prefilled");
        await page.GetByTestId("execution-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("execution-logged")).ToBeVisibleAsync(new() { Timeout = Timeout });
        Assert.Matches(GameLabel(), await picker.InputValueAsync());
        await Assertions.Expect(page.Locator("[data-testid=execution-row]", new() { HasText = ticker })).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await ShotAsync("07-executions-logged");

        foreach (string shot in Directory.GetFiles(screenshots, $"{mode}-*.png"))
        {
            TestContext.Current.AddAttachment(Path.GetFileName(shot), await File.ReadAllBytesAsync(shot, TestContext.Current.CancellationToken), "image/png");
        }
    }

    private static async Task<int> SumAsync(IPage page, string selector) =>
        (await page.Locator(selector).AllTextContentsAsync()).Sum(text => int.Parse(text, CultureInfo.InvariantCulture));

    /// <summary>"Away Team at Home Team · Sat 5 Dec 18:00" at the start of a text.</summary>
    [GeneratedRegex(@"^[A-Z][A-Za-z .]+ at [A-Z][A-Za-z .]+ · (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{2}:\d{2}")]
    private static partial Regex GameLabel();

    /// <summary>A sportsbook event id: 32 hex digits.</summary>
    [GeneratedRegex(@"\b[0-9a-f]{32}\b")]
    private static partial Regex EventId();
}
