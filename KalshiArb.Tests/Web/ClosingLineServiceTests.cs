using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage.InMemory;
using KalshiArb.Tests.Storage;
using KalshiArb.Web.Services;
using Microsoft.Extensions.Time.Testing;
using static KalshiArb.Tests.Storage.HistoryFixtures;

namespace KalshiArb.Tests.Web;

/// <summary>Closing-line value of executions and opportunities over the history fallback, against figures worked out by hand from <see cref="ClvScenario"/>.</summary>
public sealed class ClosingLineServiceTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(ClvScenario.Close.AddHours(3)));
    private readonly FakeMarketReader _market = new();
    private readonly Ingestion.Storage.InMemory.InMemoryHistoryStore _history;

    public ClosingLineServiceTests()
    {
        _history = new Ingestion.Storage.InMemory.InMemoryHistoryStore(new InMemoryHistoryOptions(), _time);
        ClvScenario.Feed(_history);
        _market.EventList.Add(ClvScenario.Game);
        _market.MappingRegistry.Upsert(ClvScenario.LakersMapping);
    }

    [Fact]
    public async Task Executions_are_measured_against_both_closes_at_the_game_start()
    {
        var service = new ClosingLineService(_history, _market, _time);

        IReadOnlyList<ClvRow> rows = await service.ForExecutionsAsync([ClvScenario.BoughtYes, ClvScenario.BoughtNo, ClvScenario.InPlay], _ct);

        ClvRow yes = rows[0];
        Assert.Equal(ClvScenario.Close, yes.Close);
        Assert.False(yes.Provisional);
        // Kalshi close: the 11:59 tick's last price 0.50. YES 100 @ 0.45: +0.05, 0.05 / 0.45 = 11.11%, +$5.00.
        Assert.Equal(0.50m, yes.VsKalshi!.CloseProb);
        Assert.Equal(0.05m, yes.VsKalshi.Points);
        Assert.Equal(11.11m, Math.Round(yes.VsKalshi.Pct, 2));
        Assert.Equal(5.00m, yes.VsKalshi.Dollars);
        // Sharp close: Pinnacle's last line before noon, 0.54 (DraftKings' 0.60 is not sharp): +0.09, 20%, +$9.00.
        Assert.Equal(["pinnacle"], yes.Sharp!.Books);
        Assert.Equal(0.54m, yes.VsSharp!.CloseProb);
        Assert.Equal(20m, yes.VsSharp.Pct);
        Assert.Equal(9.00m, yes.VsSharp.Dollars);
        Assert.Equal(ClosingLineService.NoHedge, yes.Book);
        Assert.Equal("basketball_nba", yes.Sport);

        ClvRow no = rows[1];
        // NO at the close = 1 − 0.50 = 0.50; 50 @ 0.55: −0.05, −0.05 / 0.55 = −9.09%, −$2.50.
        Assert.Equal(0.50m, no.VsKalshi!.CloseProb);
        Assert.Equal(-9.09m, Math.Round(no.VsKalshi.Pct, 2));
        Assert.Equal(-2.50m, no.VsKalshi.Dollars);
        // NO pays when the Lakers lose: 1 − 0.54 = 0.46; −0.09, −16.36%, −$4.50.
        Assert.Equal(0.46m, no.VsSharp!.CloseProb);
        Assert.Equal(-16.36m, Math.Round(no.VsSharp.Pct, 2));
        Assert.Equal(-4.50m, no.VsSharp.Dollars);
        Assert.Equal("fanduel", no.Book);

        ClvRow inPlay = rows[2];
        Assert.Null(inPlay.VsKalshi);
        Assert.Null(inPlay.VsSharp);
        Assert.Equal("entered after the close", inPlay.Note);
    }

    [Fact]
    public async Task The_summary_aggregates_mean_clv_and_share_beating_the_close_per_sport_and_per_book()
    {
        foreach (Execution e in new[] { ClvScenario.BoughtYes, ClvScenario.BoughtNo, ClvScenario.InPlay })
        {
            await _history.RecordExecutionAsync(e, _ct);
        }

        // An opportunity opened at 11:50 buying YES at 0.48 (size 10): Kalshi +0.02 / 0.48 = 4.1667%, sharp +0.06 / 0.48 = 12.5%.
        _history.OnOpportunity(Opportunity("o1", OpportunityState.Open, ClvScenario.Ticker, ClvScenario.Close.AddMinutes(-10)) with { KalshiPrice = 0.48m });
        var service = new ClosingLineService(_history, _market, _time);

        ClvSummary summary = await service.LoadAsync(TimeSpan.FromHours(24), _ct);

        ClvAggregate nba = Assert.Single(summary.ExecutionsBySport);
        Assert.Equal(3, nba.Legs);
        Assert.Equal(2, nba.KalshiLegs);
        // Mean of 100/9 % and −100/11 %: (1100 − 900) / 99 / 2 = 200/198 = 1.0101%; one of two beat the close.
        Assert.Equal(1.0101m, Math.Round(nba.MeanKalshiPct!.Value, 4));
        Assert.Equal(0.5m, nba.BeatKalshiShare);
        // Mean of 20% and −180/11 %: (220 − 180) / 11 / 2 = 40/22 = 1.8182%.
        Assert.Equal(1.8182m, Math.Round(nba.MeanSharpPct!.Value, 4));
        Assert.Equal(0.5m, nba.BeatSharpShare);

        ClvAggregate kalshiOnly = summary.ExecutionsByBook.Single(a => a.Label == ClosingLineService.NoHedge);
        Assert.Equal(2, kalshiOnly.Legs);
        Assert.Equal(1, kalshiOnly.KalshiLegs);
        Assert.Equal(1m, kalshiOnly.BeatKalshiShare);
        Assert.Equal(0m, summary.ExecutionsByBook.Single(a => a.Label == "fanduel").BeatSharpShare);

        ClvAggregate opened = Assert.Single(summary.OpportunitiesByBook);
        Assert.Equal("draftkings", opened.Label);
        Assert.Equal(4.1667m, Math.Round(opened.MeanKalshiPct!.Value, 4));
        Assert.Equal(12.5m, opened.MeanSharpPct);
    }

    [Fact]
    public async Task A_market_not_closed_yet_is_measured_against_now_and_marked_provisional()
    {
        // The game starts tomorrow: the close is read at now (15:00), where the last tick is 12:05's 0.70 and
        // Pinnacle's last Lakers line 12:10's 0.80. YES 100 @ 0.45: +0.25 and +0.35.
        _market.EventList[0] = ClvScenario.Game with { CommenceTime = _time.GetUtcNow().UtcDateTime.AddDays(1) };
        var service = new ClosingLineService(_history, _market, _time);

        ClvRow row = Assert.Single(await service.ForExecutionsAsync([ClvScenario.BoughtYes], _ct));

        Assert.True(row.Provisional);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, row.Close);
        Assert.Equal(0.25m, row.VsKalshi!.Points);
        Assert.Equal(0.35m, row.VsSharp!.Points);
    }

    [Fact]
    public async Task An_unmapped_market_has_a_kalshi_close_only_from_its_close_time()
    {
        _market.MappingRegistry = new MappingRegistry();
        _market.MarketList.Add(new KalshiMarketInfo(ClvScenario.Ticker, "E", "KXNBAGAME", "t", "Lakers", "closed", ClvScenario.Close, null, null));
        var service = new ClosingLineService(_history, _market, _time);

        ClvRow row = Assert.Single(await service.ForExecutionsAsync([ClvScenario.BoughtYes], _ct));

        Assert.Equal(0.05m, row.VsKalshi!.Points);
        Assert.Null(row.VsSharp);
        Assert.Equal("unmapped", row.Sport);
        Assert.Equal("no mapping: no book close", row.Note);
    }
}
