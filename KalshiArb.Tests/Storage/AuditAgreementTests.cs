using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Storage;

/// <summary>
/// The SQL audit (<see cref="QuestDbSql.PositiveEvAudit"/>) and the live <see cref="Detector"/> must reach the same +EV
/// verdicts on the same data. The same events go to the detector (through <see cref="MarketState"/>) and to a real
/// QuestDB (see <see cref="QuestDbFixture"/>); the audit's positive sides must be the detector's +EV opportunities, at
/// the same fair value, with per-contract edges apart by no more than the fee rounding.
/// </summary>
/// <remarks>
/// The scene, Lakers at Celtics (event A) and Knicks at Heat (event B), h2h, multiplicative devig:
/// <list type="bullet">
/// <item>A: draftkings −150/+130 (replacing an older −200/+170) -> Lakers 0.6/(0.6 + 100/230) = 0.579832;
/// fanduel −140/+110 -> 0.550562; betmgm −145/+125 -> 0.571116; consensus 0.567170.</item>
/// <item>B: draftkings −110/−110 -> Knicks 0.5; fanduel −120/+100 -> 0.521739; consensus 0.510870.</item>
/// <item>LAL (YES = Lakers), bid 0.50 / ask 0.52 (replacing 0.55 / 0.58): YES 0.567170 − 0.52 − 0.07×0.52×0.48 = +0.029698
/// (detector, fee rounded up to $0.02: +0.027170); NO at 0.50 against 0.432830: −0.084670.</item>
/// <item>BOS (inverted: YES = not Lakers, fair 0.432830), bid 0.49 / ask 0.55: YES −0.134495;
/// NO at 0.51 against 0.567170: 0.057170 − 0.07×0.51×0.49 = +0.039677 (detector +0.037170).</item>
/// <item>NYK (YES = Knicks), bid 0.49 / ask 0.53: YES −0.036567, NO −0.038363: no edge.</item>
/// <item>LALW (BLOCK, after an earlier SAFE row) ask 0.30 and MIA (unconfirmed) ask 0.32 would be very +EV, and
/// neither may appear anywhere.</item>
/// </list>
/// Every edge is either above the $0.01 fee-rounding tolerance or below zero, so both verdicts are unambiguous.
/// </remarks>
[Trait("Category", "QuestDb")]
[Collection(QuestDbServerCollection.Name)]
public sealed class AuditAgreementTests(QuestDbFixture questDb) : IAsyncLifetime
{
    /// <summary>
    /// The audit uses the unrounded fee 0.07·P·(1−P); the detector rounds the order's fee up to the cent. For one
    /// contract the detector's edge is lower by less than $0.01, never higher.
    /// </summary>
    private const decimal FeeRoundingTolerance = 0.01m;

    private const string EventA = "evt-lal-bos";
    private const string EventB = "evt-nyk-mia";
    private const string Lal = "KXNBAGAME-26NOV29LALBOS-LAL";
    private const string Bos = "KXNBAGAME-26NOV29LALBOS-BOS";
    private const string Nyk = "KXNBAGAME-26NOV29NYKMIA-NYK";
    private const string Mia = "KXNBAGAME-26NOV29NYKMIA-MIA";
    private const string LalBlocked = "KXNBAWINS-26NOV29LALBOS-LALW";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly DateTime T0 = new(2026, 11, 29, 21, 0, 0, DateTimeKind.Utc);

    private readonly string _spoolDir = Directory.CreateTempSubdirectory("kalshiarb-audit-spool-").FullName;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private QuestDbSql? _created;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (questDb.Available && _created is not null)
        {
            await questDb.DropTablesAsync(_created);
        }

        Directory.Delete(_spoolDir, recursive: true);
    }

    private static EventMapping Mapping(string ticker, string eventId, string outcome, bool inverted, SettlementEquivalence equivalence, bool confirmed, DateTime updatedAt) =>
        new(ticker, eventId, "basketball_nba", "h2h", outcome, inverted, true, true, "no ties", "no ties", "void refunds", "void refunds", equivalence, confirmed, null, updatedAt);

    private static KalshiTick Tick(string ticker, decimal bid, decimal ask, DateTime ts) =>
        new(ticker, bid, ask, 50m, 50m, bid, 1000m, 500m, ts, ts.AddMilliseconds(5));

    /// <summary>One book's line: both outcomes received together, FairProb from <see cref="Devig.Apply"/> over the line's implied probabilities.</summary>
    private static SportsbookQuote[] Line(string eventId, string book, string first, int firstAmerican, string second, int secondAmerican, DateTime ts)
    {
        decimal[] implied = [OddsMath.AmericanToImplied(firstAmerican), OddsMath.AmericanToImplied(secondAmerican)];
        decimal[] fair = Devig.Apply(implied, DevigMethod.Multiplicative);
        DateTime received = ts.AddMilliseconds(50);
        return
        [
            new(eventId, "basketball_nba", book, "h2h", first, null, firstAmerican, OddsMath.AmericanToDecimal(firstAmerican), implied[0], fair[0], DevigMethod.Multiplicative, ts, received),
            new(eventId, "basketball_nba", book, "h2h", second, null, secondAmerican, OddsMath.AmericanToDecimal(secondAmerican), implied[1], fair[1], DevigMethod.Multiplicative, ts, received),
        ];
    }

    /// <summary>Mappings, latest row per ticker last.</summary>
    private static EventMapping[] Mappings() =>
    [
        Mapping(Lal, EventA, "Lakers", false, SettlementEquivalence.Safe, true, T0.AddMinutes(-5)),
        Mapping(Bos, EventA, "Lakers", true, SettlementEquivalence.Safe, true, T0.AddMinutes(-5)),
        Mapping(Nyk, EventB, "Knicks", false, SettlementEquivalence.Safe, true, T0.AddMinutes(-5)),
        Mapping(Mia, EventB, "Heat", false, SettlementEquivalence.Safe, false, T0.AddMinutes(-5)),
        Mapping(LalBlocked, EventA, "Lakers", false, SettlementEquivalence.Safe, true, T0.AddMinutes(-5)),
        Mapping(LalBlocked, EventA, "Lakers", false, SettlementEquivalence.Block, true, T0.AddMinutes(-4)),
    ];

    /// <summary>Market events in time order; the draftkings line of A and the LAL tick are each replaced once.</summary>
    private static MarketEvent[] Events() =>
    [
        .. Line(EventA, "draftkings", "Lakers", -200, "Celtics", 170, T0.AddSeconds(-30)),
        Tick(Lal, 0.55m, 0.58m, T0.AddSeconds(-20)),
        .. Line(EventA, "fanduel", "Lakers", -140, "Celtics", 110, T0),
        .. Line(EventA, "betmgm", "Lakers", -145, "Celtics", 125, T0),
        .. Line(EventB, "draftkings", "Knicks", -110, "Heat", -110, T0),
        .. Line(EventB, "fanduel", "Knicks", -120, "Heat", 100, T0),
        .. Line(EventA, "draftkings", "Lakers", -150, "Celtics", 130, T0.AddSeconds(2)),
        Tick(Lal, 0.50m, 0.52m, T0.AddSeconds(3)),
        Tick(Bos, 0.49m, 0.55m, T0.AddSeconds(3)),
        Tick(Nyk, 0.49m, 0.53m, T0.AddSeconds(3)),
        Tick(Mia, 0.30m, 0.32m, T0.AddSeconds(3)),
        Tick(LalBlocked, 0.28m, 0.30m, T0.AddSeconds(3)),
    ];

    /// <summary>The live detector's open opportunities after the scene, judged a few seconds after the last event.</summary>
    private static IReadOnlyList<Opportunity> Detect()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(T0.AddSeconds(10)));
        var state = new MarketState();
        var mappings = new MappingRegistry();
        var options = new DetectionOptions { MinEdgePct = 0m, MinProfitDollars = 0.001m, MaxContracts = 1m };
        var detector = new Detector(state, mappings, new FeeScheduleRegistry(), options, time);
        foreach (EventMapping mapping in Mappings())
        {
            mappings.Upsert(mapping);
        }

        foreach (MarketEvent marketEvent in Events())
        {
            state.Apply(marketEvent);
            detector.OnEvent(marketEvent);
        }

        return detector.OpenOpportunities;
    }

    [Fact]
    public async Task The_sql_audit_and_the_detector_find_the_same_positive_ev_sides_at_the_same_fair_value()
    {
        questDb.SkipIfUnavailable();
        QuestDbOptions options = questDb.Options(questDb.NewTablePrefix(), _spoolDir);
        _created = new QuestDbSql(options.TablePrefix);
        await using QuestDbHistoryStore store = await QuestDbHistoryStore.CreateAsync(options, TimeProvider.System, null, _ct);
        foreach (EventMapping mapping in Mappings())
        {
            await store.RecordMappingAsync(mapping, _ct);
        }

        foreach (MarketEvent marketEvent in Events())
        {
            store.OnMarketEvent(marketEvent);
        }

        await store.Writer.FlushAsync(_ct);

        // WAL apply is asynchronous: wait until the audit sees the final rows (newest tick of LAL, newest draftkings line of A).
        IReadOnlyList<PositiveEvAuditRow> audit = await Poll.ForAsync(
            () => store.GetPositiveEvAuditAsync(T0.AddHours(-1), _ct),
            rows => rows.Count == 3
                && rows.All(r => r.KalshiTs == T0.AddSeconds(3))
                && rows.Single(r => r.KalshiTicker == Nyk).Books == 2
                && rows.Where(r => r.EventId == EventA).All(r => r.Books == 3 && r.BookTs == T0.AddSeconds(2)),
            "the audit rows",
            Patience.TotalSeconds,
            _ct);
        IReadOnlyList<Opportunity> detected = Detect();

        // Blocked and unconfirmed mappings: in neither.
        Assert.Equal([Bos, Lal, Nyk], audit.Select(r => r.KalshiTicker).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(detected, o => o.KalshiTicker is LalBlocked or Mia);

        var auditPositive = new Dictionary<(string Ticker, Side Side), (decimal Edge, PositiveEvAuditRow Row)>();
        foreach (PositiveEvAuditRow row in audit)
        {
            if (row.YesEdge is { } yesEdge && yesEdge > FeeRoundingTolerance)
            {
                auditPositive[(row.KalshiTicker, Side.Yes)] = (yesEdge, row);
            }

            if (row.NoEdge is { } noEdge && noEdge > FeeRoundingTolerance)
            {
                auditPositive[(row.KalshiTicker, Side.No)] = (noEdge, row);
            }
        }

        Dictionary<(string Ticker, Side Side), Opportunity> detectorPositive = detected
            .Where(o => o.Kind == OpportunityKind.PositiveEv)
            .ToDictionary(o => (o.KalshiTicker, o.Side));

        // The scene's answer, from the remarks: LAL YES and BOS NO, nothing else, in both.
        Assert.Equal([(Bos, Side.No), (Lal, Side.Yes)], auditPositive.Keys.Order());
        Assert.Equal([(Bos, Side.No), (Lal, Side.Yes)], detectorPositive.Keys.Order());

        foreach (((string ticker, Side side), (decimal auditEdge, PositiveEvAuditRow row)) in auditPositive)
        {
            Opportunity opportunity = detectorPositive[(ticker, side)];
            Assert.Equal(1m, opportunity.Size);

            decimal detectorFairYes = side == Side.Yes ? opportunity.FairProb : 1m - opportunity.FairProb;
            Assert.Equal((double)row.FairYes, (double)detectorFairYes, 1e-9);

            decimal auditPrice = side == Side.Yes ? row.YesAsk!.Value : 1m - row.YesBid!.Value;
            Assert.Equal((double)auditPrice, (double)opportunity.KalshiPrice, 1e-9);

            // Per-contract edge: the detector's is lower by the fee's rounding up to the cent, at most $0.01.
            decimal detectorEdge = opportunity.Profit / opportunity.Size;
            decimal gap = auditEdge - detectorEdge;
            Assert.InRange(gap, -1e-9m, FeeRoundingTolerance + 1e-9m);
            Assert.Equal((double)(opportunity.Fee - (0.07m * auditPrice * (1m - auditPrice))), (double)gap, 1e-9);
        }
    }
}
