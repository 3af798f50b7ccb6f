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
}
