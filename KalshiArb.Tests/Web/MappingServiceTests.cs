using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Web.Services;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Web;

public sealed class MappingServiceTests
{
    [Fact]
    public async Task Saving_rederives_the_verdict_confirms_stores_and_puts_the_mapping_in_force()
    {
        var history = new RecordingHistoryStore();
        var mappings = new MappingRegistry();
        var service = new MappingService(new MappingStore(history, mappings, NullLogger<MappingStore>.Instance), new FakeTimeProvider(WebTestData.Now.AddMinutes(5)), NullLogger<MappingService>.Instance);
        // Overtime counted by the book only: the same game can settle opposite ways, so Block whatever was claimed.
        EventMapping edited = WebTestData.Mapping("M") with { BookIncludesOvertime = false, KalshiIncludesOvertime = true, Equivalence = SettlementEquivalence.Safe, Confirmed = false };

        EventMapping saved = await service.SaveAsync(edited, confirmed: true, "trader", TestContext.Current.CancellationToken);

        Assert.Equal(SettlementEquivalence.Block, saved.Equivalence);
        Assert.True(saved.Confirmed);
        Assert.Equal(WebTestData.Now.AddMinutes(5), saved.UpdatedAt);
        Assert.Same(saved, Assert.Single(history.Mappings));
        // In force: the registry the detector reads now holds it, for its ticker and for its event.
        Assert.Same(saved, mappings.ForTicker("M"));
        Assert.Same(saved, Assert.Single(mappings.ForEvent(saved.EventId)));
    }
}
