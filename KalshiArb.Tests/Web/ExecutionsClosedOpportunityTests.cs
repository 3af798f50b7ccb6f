using Bunit;
using KalshiArb.Tests.Replay;
using KalshiArb.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace KalshiArb.Tests.Web;

/// <summary>
/// A trader who follows an opportunity's link to log a fill often arrives after it closed: the form is prefilled from
/// its last stored open/update row (<see cref="HandScene"/>, written by hand) and the label says it closed.
/// </summary>
public sealed class ExecutionsClosedOpportunityTests : DashboardTestContext
{
    private IRenderedComponent<Executions> RenderFor(string opportunityId)
    {
        AddAuthorization().SetAuthorized("trader");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/executions?opportunity={opportunityId}");
        return Render<Executions>();
    }

    [Fact]
    public void A_closed_opportunity_is_prefilled_from_its_last_update_and_named_as_closed()
    {
        // Rows: open at +1 s (200 @ 0.45), update at +5 s (100 @ 0.40, fee 1.69, draftkings 2.30), close at +8 s.
        History.Opportunities.AddRange(HandScene.OpenUpdateCloseRows());

        IRenderedComponent<Executions> cut = RenderFor(HandScene.Id);

        cut.WaitForAssertion(() => Assert.Equal("100", cut.Find("input[data-testid=field-quantity]").GetAttribute("value")));
        Assert.Equal("0.40", cut.Find("input[data-testid=field-planned-price]").GetAttribute("value"));
        Assert.Equal("1.69", cut.Find("input[data-testid=field-fee]").GetAttribute("value"));
        string label = cut.Find("[data-testid=field-opportunity-label]").TextContent;
        Assert.Contains("buy YES", label);
        Assert.EndsWith("· closed", label.Trim());
    }

    [Fact]
    public void An_opportunity_with_no_stored_row_is_named_as_no_longer_open_and_nothing_is_prefilled()
    {
        IRenderedComponent<Executions> cut = RenderFor("never-logged");

        Assert.Contains("an opportunity no longer open", cut.Markup);
        Assert.Equal("", cut.Find("input[data-testid=field-quantity]").GetAttribute("value") ?? "");
    }
}
