using Bunit;
using KalshiArb.Ingestion.Model;
using KalshiArb.Web.Components.Shared;
using KalshiArb.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace KalshiArb.Tests.Web;

public sealed class SettlementFormTests : DashboardTestContext
{
    public SettlementFormTests()
    {
        Market.MarketList.Add(WebTestData.Market("KXNBA-LAL"));
    }

    [Fact]
    public void Records_a_void_settlement_with_the_user_as_source()
    {
        AddAuthorization().SetAuthorized("trader");
        IRenderedComponent<SettlementForm> cut = Render<SettlementForm>();

        cut.Find("input[data-testid=settlement-ticker]").Change("KXNBA-LAL");
        cut.Find("input[data-testid=settlement-void]").Click();
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("KXNBA-LAL settled VOID.", cut.Find("[data-testid=settlement-recorded]").TextContent.Trim()));
        Assert.Equal(new Settlement("KXNBA-LAL", SettlementResult.Void, "manual:trader", WebTestData.Now), Assert.Single(History.Settlements));
    }

    [Fact]
    public void Rejects_an_unknown_market_and_a_missing_result()
    {
        AddAuthorization().SetAuthorized("trader");
        IRenderedComponent<SettlementForm> cut = Render<SettlementForm>();

        cut.Find("input[data-testid=settlement-ticker]").Change("KXNOPE");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Result must be yes, no or void.", cut.Find("[data-testid=settlement-form]").TextContent));
        Assert.Contains("Unknown Kalshi market 'KXNOPE'.", cut.Find("[data-testid=settlement-form]").TextContent);
        Assert.Empty(History.Settlements);
    }

    [Fact]
    public void Shows_no_form_without_a_login()
    {
        AddAuthorization();

        IRenderedComponent<SettlementForm> cut = Render<SettlementForm>();

        Assert.Empty(cut.FindAll("[data-testid=settlement-form]"));
    }
}
