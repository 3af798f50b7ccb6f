using Bunit;
using KalshiArb.Ingestion.Model;
using KalshiArb.Web.Components.Shared;
using KalshiArb.Ingestion.Market;

namespace KalshiArb.Tests.Web;

public sealed class MappingEditorTests : DashboardTestContext
{
    [Fact]
    public void Saving_hands_back_the_edited_mapping_and_a_rule_difference_changes_the_verdict()
    {
        EventMapping? saved = null;
        IRenderedComponent<MappingEditor> cut = Render<MappingEditor>(p => p
            .Add(c => c.Mapping, WebTestData.Mapping("KXNBA-LAL"))
            .Add(c => c.OnSave, m => saved = m));
        Assert.Equal("Safe", cut.Find("[data-testid=mapping-verdict]").TextContent);

        // The book settles voids differently from Kalshi: a rare case, so Caution.
        cut.FindComponents<MudBlazor.MudTextField<string>>().Single(f => f.Instance.Label == "Book void rule").Find("input").Change("action");
        Assert.Equal("Caution", cut.Find("[data-testid=mapping-verdict]").TextContent);
        cut.Find("form").Submit();

        Assert.NotNull(saved);
        Assert.Equal("action", saved.BookVoidRule);
        Assert.Equal(SettlementEquivalence.Caution, SettlementRules.Derive(saved));
    }

    [Fact]
    public void A_spread_mappings_line_can_be_edited_by_hand_and_only_a_whole_or_half_point_is_saved()
    {
        EventMapping? saved = null;
        EventMapping spread = WebTestData.Mapping("KXNBASPREAD-LAL4") with { MarketType = LineText.Spreads, Point = -3.5m };
        IRenderedComponent<MappingEditor> cut = Render<MappingEditor>(p => p
            .Add(c => c.Mapping, spread)
            .Add(c => c.OnSave, m => saved = m));
        AngleSharp.Dom.IElement Input() => cut.FindComponent<MudBlazor.MudNumericField<decimal?>>().Find("input");

        // A quarter point is no line a book quotes: the form says why and does not save.
        Input().Change("-4.25");
        Assert.Contains("whole or half points", cut.Markup, StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid=mapping-save]").HasAttribute("disabled"));
        cut.Find("form").Submit();
        Assert.Null(saved);

        Input().Change("");
        Assert.Contains("needs its line", cut.Markup, StringComparison.Ordinal);

        Input().Change("-4.5");
        Assert.DoesNotContain("whole or half points", cut.Markup, StringComparison.Ordinal);
        cut.Find("form").Submit();
        Assert.NotNull(saved);
        Assert.Equal(-4.5m, saved.Point);
        Assert.Equal((spread.Outcome, LineText.Spreads), (saved.Outcome, saved.MarketType));
    }

    [Fact]
    public void A_total_needs_a_line_above_zero_and_a_winner_mapping_shows_no_line()
    {
        EventMapping? saved = null;
        IRenderedComponent<MappingEditor> total = Render<MappingEditor>(p => p
            .Add(c => c.Mapping, WebTestData.Mapping("KXNBATOTAL-226") with { MarketType = LineText.Totals, Outcome = "Over", Point = 225.5m })
            .Add(c => c.OnSave, m => saved = m));
        total.FindComponent<MudBlazor.MudNumericField<decimal?>>().Find("input").Change("0");
        Assert.Contains("A total is above zero.", total.Markup, StringComparison.Ordinal);
        total.Find("form").Submit();
        Assert.Null(saved);

        IRenderedComponent<MappingEditor> winner = Render<MappingEditor>(p => p.Add(c => c.Mapping, WebTestData.Mapping("KXNBA-LAL")));
        Assert.Empty(winner.FindComponents<MudBlazor.MudNumericField<decimal?>>());
        Assert.Empty(winner.FindAll("[data-testid=mapping-point]"));
    }
}
