using Bunit;
using KalshiArb.Web.Components.Shared;
using KalshiArb.Web.Services;

namespace KalshiArb.Tests.Web;

public sealed class GameNameTests : DashboardTestContext
{
    [Fact]
    public void The_live_table_names_the_game_in_the_viewers_time_zone_with_utc_on_hover_and_never_the_event_id()
    {
        Market.EventList.Add(WebTestData.Game());
        Market.Open.Add(WebTestData.Opportunity("opp-1"));

        // New York is UTC−5 in December: 18:00 UTC is 13:00 there.
        IRenderedComponent<OpportunityTable> cut = Render<OpportunityTable>(p => p.AddCascadingValue(ViewerClock.From("America/New_York", showUtc: false)));

        var game = cut.Find("[data-testid=opportunity-row] [data-testid=game-name]");
        Assert.Equal("Los Angeles Lakers at Boston Celtics · Sat 5 Dec 13:00", game.TextContent);
        Assert.Equal("2026-12-05 18:00:00 UTC", game.GetAttribute("title"));
        Assert.DoesNotContain("evt-1", cut.Markup);
    }

    [Fact]
    public void Chosen_utc_shows_utc_and_says_so()
    {
        Market.EventList.Add(WebTestData.Game());
        Market.Open.Add(WebTestData.Opportunity("opp-1"));

        IRenderedComponent<OpportunityTable> cut = Render<OpportunityTable>(p => p.AddCascadingValue(ViewerClock.From("America/New_York", showUtc: true)));

        Assert.Equal("Los Angeles Lakers at Boston Celtics · Sat 5 Dec 18:00 UTC", cut.Find("[data-testid=game-name]").TextContent);
    }

    [Fact]
    public void An_empty_live_table_says_why_and_what_would_fill_it()
    {
        IRenderedComponent<OpportunityTable> cut = Render<OpportunityTable>();

        Assert.Contains("One appears here when a Kalshi ask beats the sportsbooks' devigged fair price", cut.Find("[data-testid=no-opportunities]").TextContent);
    }
}
