using Bunit;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage.Ilp;
using KalshiArb.Web.Components.Pages;
using KalshiArb.Web.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Web;

/// <summary>A store failure on a mapping save: a clear message on the page, the cause in the log, nothing put in force.</summary>
public sealed class MappingSaveFailureTests : DashboardTestContext
{
    private const string StoreWording = "table does not exist [table=event_mapping]";
    private const string StoreLine = "event_mapping,kalshi_ticker=KXNBA-LAL confirmed=t 1764950400000000000";

    [Fact]
    public async Task A_refused_write_is_logged_with_its_cause_and_the_mapping_is_not_put_in_force()
    {
        var history = new RecordingHistoryStore { MappingWriteFailure = new IlpRejectedException(StoreWording, StoreLine) };
        var mappings = new MappingRegistry();
        using var logs = new CapturingLoggerProvider();
        using var factory = new LoggerFactory([logs]);
        var service = new MappingService(new MappingStore(history, mappings, factory.CreateLogger<MappingStore>()), new FakeTimeProvider(WebTestData.Now), factory.CreateLogger<MappingService>());

        MappingNotSavedException error = await Assert.ThrowsAsync<MappingNotSavedException>(
            () => service.SaveAsync(WebTestData.Mapping("KXNBA-LAL"), confirmed: true, "trader", Xunit.TestContext.Current.CancellationToken));

        Assert.StartsWith("The mapping for KXNBA-LAL could not be stored, so it is not in force", error.Message);
        Assert.DoesNotContain("event_mapping", error.Message);
        Assert.Null(mappings.ForTicker("KXNBA-LAL"));
        string logged = Assert.Single(logs.Lines, l => l.Contains("Error:", StringComparison.Ordinal));
        Assert.Contains("KXNBA-LAL", logged);
        Assert.Contains("trader", logged);
        Assert.Contains(StoreWording, logged); // the cause is kept for the operator
    }

    [Fact]
    public void The_page_shows_a_clear_message_without_the_stores_wording()
    {
        AddAuthorization().SetAuthorized("trader");
        EventMapping before = WebTestData.Mapping("KXNBA-LAL") with { Confirmed = false };
        Market.MappingRegistry.Upsert(before);
        History.MappingWriteFailure = new IlpRejectedException(StoreWording, StoreLine);
        IRenderedComponent<Mappings> cut = Render<Mappings>();

        cut.Find("[data-testid=mapping-list] button").Click();
        cut.Find("form").Submit();

        string alert = cut.WaitForElement(".mud-alert").TextContent;
        Assert.Contains("could not be stored, so it is not in force", alert);
        Assert.DoesNotContain("QuestDB", alert);
        Assert.DoesNotContain("event_mapping", alert);
        Assert.DoesNotContain("Exception", alert);
        Assert.Same(before, Market.GetMapping("KXNBA-LAL"));
        Assert.Empty(History.Mappings);
    }
}
