using Bunit;
using KalshiArb.Ingestion.Model;
using KalshiArb.Web.Components.Pages;
using Microsoft.AspNetCore.Components;

namespace KalshiArb.Tests.Web;

/// <summary>Pages as a new user first meets them: games by name, figures that agree, empty states that explain.</summary>
public sealed class FirstHourPageTests : DashboardTestContext
{
    [Fact]
    public void Mappings_name_the_game_and_say_why_there_is_nothing_to_confirm()
    {
        AddAuthorization();
        Market.EventList.Add(WebTestData.Game());
        Market.MappingRegistry.Upsert(WebTestData.Mapping("KXNBA-LAL"));

        IRenderedComponent<Mappings> cut = Render<Mappings>();

        Assert.StartsWith("Nothing to confirm: all 1 mappings are confirmed.", cut.Find("[data-testid=suggestions-empty]").TextContent);
        Assert.Equal("Los Angeles Lakers at Boston Celtics · Sat 5 Dec 18:00 UTC", cut.Find("[data-testid=mapping-list] [data-testid=game-name]").TextContent);
        Assert.DoesNotContain("evt-1", cut.Find("[data-testid=mapping-list]").TextContent);
        Assert.DoesNotContain("h2h", cut.Markup); // only winner markets exist: nothing hints at spreads or totals
    }

    [Fact]
    public void Performance_totals_per_sport_and_edge_equal_the_detected_count_and_an_empty_pnl_says_why()
    {
        // Three openings in the last 24 h, one of them replayed (same id twice), plus an update: 3 detected.
        // Sports: o1 and o3 on the mapped NBA market, o2 unmapped. Edges 3.2% (2–5%), 12% (≥ 10%), 1.5% (1–2%).
        Market.MappingRegistry.Upsert(WebTestData.Mapping("KXNBA-LAL"));
        History.OnOpportunity(WebTestData.Opportunity("o1") with { Ts = WebTestData.Now.AddHours(-3) });
        History.OnOpportunity(WebTestData.Opportunity("o1") with { Ts = WebTestData.Now.AddHours(-3) });
        History.OnOpportunity(WebTestData.Opportunity("o1", state: OpportunityState.Update) with { Ts = WebTestData.Now.AddHours(-2) });
        History.OnOpportunity(WebTestData.Opportunity("o2", ticker: "KXNHL-BOS", edgePct: 12m) with { Ts = WebTestData.Now.AddHours(-2) });
        History.OnOpportunity(WebTestData.Opportunity("o3", edgePct: 1.5m) with { Ts = WebTestData.Now.AddMinutes(-5) });

        IRenderedComponent<Performance> cut = Render<Performance>();

        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("[data-testid=detected-total]").TextContent));
        Assert.Equal(3, Counts(cut, "by-sport").Sum());
        Assert.Equal([2, 1], Counts(cut, "by-sport"));
        Assert.Equal([0, 1, 1, 0, 1], Counts(cut, "by-edge"));
        Assert.Equal(3, cut.FindAll("[data-testid=hit-rate] tbody tr td:nth-child(2)").Sum(td => int.Parse(td.TextContent, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.StartsWith("No realized P&L yet: a day appears here once a market you logged an execution on settles", cut.Find("[data-testid=daily-pnl-empty]").TextContent);
    }

    [Fact]
    public void A_market_with_no_history_says_so_instead_of_drawing_an_empty_chart()
    {
        Market.MarketList.Add(WebTestData.Market("KXNBA-LAL"));

        IRenderedComponent<Markets> cut = Render<Markets>(p => p.Add(c => c.Ticker, "KXNBA-LAL"));

        cut.WaitForAssertion(() => Assert.StartsWith("No history for this market in the last 15 min yet", cut.Find("[data-testid=chart-empty]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=quote-chart]"));
    }

    private static int[] Counts(IRenderedComponent<Performance> cut, string table) =>
        [.. cut.FindAll($"[data-testid={table}] tbody tr td.text-right").Select(td => int.Parse(td.TextContent, System.Globalization.CultureInfo.InvariantCulture))];
}
