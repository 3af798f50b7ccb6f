using Bunit;
using KalshiArb.Web.Components.Pages;
using KalshiArb.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace KalshiArb.Tests.Web;

/// <summary>A history store that does not answer: the Executions page says so plainly, never with the driver's wording.</summary>
public sealed class ExecutionsPageErrorTests : DashboardTestContext
{
    [Fact]
    public void A_failed_read_shows_a_plain_message_without_the_store_error()
    {
        AddAuthorization();
        History.ReadFailure = new InvalidOperationException("Failed to connect to 10.1.2.3:8812 (user admin, database qdb)");

        IRenderedComponent<Executions> cut = Render<Executions>();

        string alerts = string.Join(" | ", cut.FindAll(".mud-alert").Select(a => a.TextContent));
        Assert.Contains("Could not load executions: the history store did not answer.", alerts);
        Assert.DoesNotContain("10.1.2.3", cut.Markup);
        Assert.DoesNotContain("8812", cut.Markup);
    }
}
