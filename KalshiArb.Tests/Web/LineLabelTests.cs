using Bunit;
using KalshiArb.Ingestion.Model;
using KalshiArb.Web.Components.Shared;

namespace KalshiArb.Tests.Web;

/// <summary>Spread and total rows on Live show their line, and model-based rows a "model" badge with the model's inputs.</summary>
public sealed class LineLabelTests : DashboardTestContext
{
    private static EventMapping LineMapping(string ticker, string marketType, string outcome, decimal point) =>
        new(ticker, "evt-1", "americanfootball_nfl", marketType, outcome, false, true, true, "none", "none", "void", "void", SettlementEquivalence.Safe, true, null, WebTestData.Now, point);

    [Fact]
    public void A_same_line_spread_shows_its_line_and_no_badge()
    {
        Market.MappingRegistry.Upsert(LineMapping("KXNFLSPREAD-KC4", "spreads", "Kansas City Chiefs", -3.5m));
        Market.Open.Add(WebTestData.Opportunity("s", ticker: "KXNFLSPREAD-KC4"));

        IRenderedComponent<OpportunityTable> cut = Render<OpportunityTable>();

        Assert.Equal("Kansas City Chiefs \u22123.5", cut.Find("[data-testid=line]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=model-badge]"));
    }

    [Fact]
    public void A_model_based_total_shows_over_its_line_and_the_model_badge_with_inputs()
    {
        Market.MappingRegistry.Upsert(LineMapping("KXNFLTOTAL-48", "totals", "Over", 47.5m));
        var model = new LineModel("normal", 10m, 44.5m, 47.5m, 0.3821m, [new LineInput("draftkings", 44.5m, 0.5m, 1m)]);
        Market.Open.Add(WebTestData.Opportunity("t", ticker: "KXNFLTOTAL-48") with { Kind = OpportunityKind.PositiveEv, Model = model });

        IRenderedComponent<OpportunityTable> cut = Render<OpportunityTable>();

        Assert.Equal("Over 47.5", cut.Find("[data-testid=line]").TextContent.Trim());
        var badge = cut.Find("[data-testid=model-badge]");
        Assert.Contains("model", badge.TextContent);
        Assert.Equal("normal σ 10, mean 44.5 ← draftkings +44.5 @ 0.500", badge.GetAttribute("title"));
    }

    [Fact]
    public void A_moneyline_row_shows_neither()
    {
        Market.Open.Add(WebTestData.Opportunity("m"));

        IRenderedComponent<OpportunityTable> cut = Render<OpportunityTable>();

        Assert.Empty(cut.FindAll("[data-testid=line]"));
        Assert.Empty(cut.FindAll("[data-testid=model-badge]"));
    }
}
