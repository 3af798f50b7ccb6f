using Bunit;
using KalshiArb.Ingestion.Model;
using KalshiArb.Web.Components.Shared;
using KalshiArb.Web.Live;

namespace KalshiArb.Tests.Web;

public sealed class OpportunityTableTests : DashboardTestContext
{
    [Fact]
    public void Renders_the_open_opportunities_with_edge_profit_and_quote_ages()
    {
        Market.Open.Add(WebTestData.Opportunity("opp-1", edgePct: 3.2m));

        IRenderedComponent<OpportunityTable> cut = Render<OpportunityTable>();

        var row = cut.Find("[data-testid=opportunity-row]");
        Assert.Equal("opp-1", row.GetAttribute("data-opportunity-id"));
        Assert.Equal("3.20%", cut.Find("[data-testid=edge]").TextContent.Trim());
        Assert.Equal("$3.10", cut.Find("[data-testid=profit]").TextContent.Trim());
        // Kalshi quote 2 s old, book quote 8 s old (WebTestData): the book's age is past the 5 s warning mark.
        var ages = cut.FindAll("[data-testid=quote-age]");
        Assert.Equal("2s", ages[0].TextContent);
        Assert.Equal("8s", ages[1].TextContent);
        Assert.Contains("mud-warning-text", ages[1].ClassName);
    }

    [Fact]
    public void Adds_a_row_when_a_batch_opens_an_opportunity_and_fades_it_when_it_closes()
    {
        IRenderedComponent<OpportunityTable> cut = Render<OpportunityTable>();
        Assert.Empty(cut.FindAll("[data-testid=opportunity-row]"));

        Updates.OnOpportunity(WebTestData.Opportunity("opp-7"));
        Stream.Flush();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=opportunity-row].opportunity-open")));

        Updates.OnOpportunity(WebTestData.Opportunity("opp-7", state: OpportunityState.Close));
        Stream.Flush();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=opportunity-row].opportunity-closed")));

        // After the fade-out the next clock tick drops the closed row.
        Time.Advance(TimeSpan.FromSeconds(6));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=opportunity-row]")));
    }

    [Fact]
    public void Sorts_by_edge_descending_and_filters_by_minimum_edge()
    {
        Market.Open.Add(WebTestData.Opportunity("low", edgePct: 1.5m));
        Market.Open.Add(WebTestData.Opportunity("high", edgePct: 4.0m));
        Market.Open.Add(WebTestData.Opportunity("mid", edgePct: 2.5m));

        IRenderedComponent<OpportunityTable> cut = Render<OpportunityTable>();
        Assert.Equal(["high", "mid", "low"], cut.FindAll("[data-testid=opportunity-row]").Select(r => r.GetAttribute("data-opportunity-id")));

        cut.Find("input[data-testid=filter-min-edge]").Input("2");
        cut.WaitForAssertion(() =>
            Assert.Equal(["high", "mid"], cut.FindAll("[data-testid=opportunity-row]").Select(r => r.GetAttribute("data-opportunity-id"))));
    }

    [Fact]
    public void Renders_what_the_batches_carry_and_never_reads_the_detector_again()
    {
        IRenderedComponent<OpportunityTable> cut = Render<OpportunityTable>();

        // Held by the detector after the first render, but never published: the clock ticks must not pull it in.
        Market.Open.Add(WebTestData.Opportunity("unpublished"));
        Time.Advance(TimeSpan.FromSeconds(3));
        Updates.OnOpportunity(WebTestData.Opportunity("published"));
        Stream.Flush();

        cut.WaitForAssertion(() => Assert.Equal(["published"], cut.FindAll("[data-testid=opportunity-row]").Select(r => r.GetAttribute("data-opportunity-id"))));
        Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(["published"], cut.FindAll("[data-testid=opportunity-row]").Select(r => r.GetAttribute("data-opportunity-id")));
    }

    [Fact]
    public void Unsubscribes_from_the_live_stream_on_dispose()
    {
        IRenderedComponent<OpportunityTable> cut = Render<OpportunityTable>();
        int renders = cut.RenderCount;
        cut.Instance.Dispose();

        Updates.OnOpportunity(WebTestData.Opportunity("late"));
        LiveBatch batch = Assert.IsType<LiveBatch>(Stream.Flush());

        // The batch was published, yet the table neither rendered again nor shows it: nothing was subscribed.
        Assert.Equal("late", Assert.Single(batch.Opportunities).OpportunityId);
        Assert.Equal(renders, cut.RenderCount);
        Assert.Empty(cut.FindAll("[data-testid=opportunity-row]"));
    }
}
