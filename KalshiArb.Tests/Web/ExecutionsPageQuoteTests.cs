using Bunit;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Web.Components.Pages;

namespace KalshiArb.Tests.Web;

/// <summary>The Executions page lists each fill beside the Kalshi quote at its time and the slippage against it.</summary>
public sealed class ExecutionsPageQuoteTests : DashboardTestContext
{
    [Fact]
    public void Each_execution_shows_the_quoted_ask_of_its_side_and_the_slippage_in_cents_or_no_quote()
    {
        AddAuthorization();
        Execution yes = new("e1", null, "KXNBA-LAL", Side.Yes, 0.45m, 0.45m, 10m, 0.17m, null, null, null, null, null, null, null, null, WebTestData.Now.AddHours(-3));
        Execution no = yes with { ExecutionId = "e2", KalshiTicker = "KXNBA-BOS", KalshiSide = Side.No, KalshiPrice = 0.43m, Ts = WebTestData.Now.AddHours(-2) };
        Execution stale = yes with { ExecutionId = "e3", KalshiPrice = 0.525m, Ts = WebTestData.Now.AddHours(-1) };
        History.Executions.AddRange([yes, no, stale]);
        History.FillQuotes.AddRange(
        [
            new FillQuote("e1", Side.Yes, 0.45m, yes.Ts.AddMinutes(-1), 0.41m, 0.44m),
            new FillQuote("e2", Side.No, 0.43m, no.Ts.AddSeconds(-30), 0.56m, 0.60m),
            new FillQuote("e3", Side.Yes, 0.525m, null, null, null),
        ]);

        IRenderedComponent<Executions> cut = Render<Executions>();

        // Newest first. e3: no tick within 5 minutes. e2 bought NO at 0.43 against a NO ask of 1 − 0.56 = 0.44: 1¢ inside.
        // e1 bought YES at 0.45 against a YES ask of 0.44: 1¢ above.
        Assert.Contains("Quote at fill", cut.Find("[data-testid=execution-list] thead").TextContent);
        Assert.Equal(["no quote", "$0.440", "$0.440"], cut.FindAll("[data-testid=quote-at-fill]").Select(c => c.TextContent.Trim()).ToArray());
        Assert.Equal(["—", "−1¢", "+1¢"], cut.FindAll("[data-testid=slippage-vs-quote]").Select(c => c.TextContent.Trim()).ToArray());
    }
}
