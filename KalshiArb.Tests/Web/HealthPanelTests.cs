using Bunit;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Web.Components.Shared;

namespace KalshiArb.Tests.Web;

public sealed class HealthPanelTests : DashboardTestContext
{
    [Fact]
    public void Shows_a_down_dependency_in_the_error_colour_and_marks_the_overall_state_down()
    {
        var components = new List<ComponentHealth>
        {
            new("feed:simulator", HealthLevel.Healthy, "running", new Dictionary<string, double> { ["messages_per_s"] = 120.5 }, WebTestData.Now),
            new("redis", HealthLevel.Down, "connection refused 127.0.0.1:6379", new Dictionary<string, double>(), WebTestData.Now.AddSeconds(-3)),
        };

        IRenderedComponent<HealthPanel> cut = Render<HealthPanel>(p => p
            .Add(c => c.Components, components)
            .Add(c => c.HistoryBackend, "in-memory")
            .Add(c => c.Now, WebTestData.Now));

        var redis = cut.Find("[data-component=redis]");
        Assert.Equal("Down", redis.GetAttribute("data-level"));
        Assert.Contains("connection refused 127.0.0.1:6379", redis.TextContent);
        Assert.NotNull(redis.QuerySelector(".mud-error-text"));
        Assert.Equal("Down", cut.Find("[data-testid=overall-health]").TextContent);
        Assert.Equal("in-memory", cut.Find("[data-testid=history-backend]").TextContent);
        Assert.Contains("120.5", cut.Find("[data-component='feed:simulator']").TextContent);
    }

    [Fact]
    public void Disabled_components_do_not_make_the_overall_state_worse()
    {
        var components = new List<ComponentHealth>
        {
            new("questdb", HealthLevel.Disabled, "mode off", new Dictionary<string, double>(), WebTestData.Now),
            new("pipeline", HealthLevel.Healthy, "running", new Dictionary<string, double>(), WebTestData.Now),
        };

        IRenderedComponent<HealthPanel> cut = Render<HealthPanel>(p => p.Add(c => c.Components, components).Add(c => c.Now, WebTestData.Now));

        Assert.Equal("Healthy", cut.Find("[data-testid=overall-health]").TextContent);
    }
}
