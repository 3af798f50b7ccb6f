using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage.Ilp;
using KalshiArb.Ingestion.Storage.QuestDb;
using Npgsql;
using static KalshiArb.Tests.Storage.HistoryFixtures;

namespace KalshiArb.Tests.Storage;

/// <summary>The QuestDB store's write path, against a loopback stand-in for /write: the exact rows each record becomes.</summary>
public sealed class QuestDbHistoryStoreWriteTests : IAsyncLifetime
{
    // 2026-11-29T12:00:00Z = 1795953600 s since the epoch.
    private const string NoonNs = "1795953600000000000";
    private const string NoonUs = "1795953600000000";

    private readonly string _spoolDir = Directory.CreateTempSubdirectory("kalshiarb-store-").FullName;
    private readonly FakeIlpHttpServer _server = new();
    private readonly NpgsqlDataSource _unusedReads = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=admin;Password=quest;Database=qdb");
    private QuestDbHistoryStore _store = null!;
    private IlpWriter _writer = null!;

    public ValueTask InitializeAsync()
    {
        _writer = new IlpWriter(
            new IlpHttpTransport(_server.BaseUri, TimeSpan.FromSeconds(5)),
            new IlpSpool(_spoolDir, 1 << 20),
            new IlpWriterOptions { AutoFlushInterval = TimeSpan.FromHours(1), RetryBackoff = TimeSpan.FromMilliseconds(5), MaxAttempts = 1 },
            TimeProvider.System);
        _store = new QuestDbHistoryStore(_writer, _unusedReads, new QuestDbSql("t1_"), TimeProvider.System);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        await _unusedReads.DisposeAsync();
        await _server.DisposeAsync();
        Directory.Delete(_spoolDir, recursive: true);
    }

    private async Task<List<string>> FlushedLines()
    {
        await _writer.FlushAsync(TestContext.Current.CancellationToken);
        return _server.SnapshotAccepted();
    }

    [Fact]
    public async Task A_tick_becomes_one_row_with_dollar_prices_derived_no_side_and_both_timestamps()
    {
        _store.OnMarketEvent(Tick("KXNBAGAME-LAL", Noon, 0.40m, 0.45m));

        // NO bid = 1 - 0.45 = 0.55, NO ask = 1 - 0.40 = 0.6; received 5 ms (5000 µs) after the exchange time.
        Assert.Equal(
            [$"t1_kalshi_ticks,ticker=KXNBAGAME-LAL yes_bid=0.4,yes_ask=0.45,no_bid=0.55,no_ask=0.6,yes_bid_size=100,yes_ask_size=120,last_price=0.4,volume=1000,open_interest=500,received_at=1795953600005000t {NoonNs}"],
            await FlushedLines());
    }

    [Fact]
    public async Task A_tick_without_a_bid_leaves_those_columns_null()
    {
        _store.OnMarketEvent(new KalshiTick("T", null, 0.45m, null, 10m, null, 0m, 0m, Noon, Noon));

        Assert.Equal([$"t1_kalshi_ticks,ticker=T yes_ask=0.45,no_bid=0.55,yes_ask_size=10,volume=0,open_interest=0,received_at={NoonUs}t {NoonNs}"], await FlushedLines());
    }

    [Fact]
    public async Task Trades_book_changes_status_and_integrity_each_get_their_rows()
    {
        _store.OnMarketEvent(new KalshiTrade("T", "tr 1", 0.45m, 0.55m, 3m, Side.No, Noon, Noon));
        _store.OnMarketEvent(new BookDelta("T", Side.Yes, 0.44m, -2m, 7, Noon, Noon));
        _store.OnMarketEvent(new BookSnapshot("T", [new BookLevel(0.44m, 5m), new BookLevel(0.43m, 9m)], [new BookLevel(0.50m, 1m)], 6, Noon, Noon));
        _store.OnMarketEvent(new MarketStatusChanged("T", "closed", Noon, Noon));
        _store.OnMarketEvent(new BookIntegrityChanged("T", false, "sequence gap 7 -> 9", Noon, Noon));

        Assert.Equal(
            [
                $"t1_kalshi_trades,ticker=T,taker_side=no trade_id=\"tr 1\",yes_price=0.45,no_price=0.55,contracts=3,received_at={NoonUs}t {NoonNs}",
                $"t1_kalshi_orderbook,ticker=T,side=yes price=0.44,quantity=-2,seq=7i,is_snapshot=f,received_at={NoonUs}t {NoonNs}",
                $"t1_kalshi_orderbook,ticker=T,side=yes price=0.44,quantity=5,seq=6i,is_snapshot=t,received_at={NoonUs}t {NoonNs}",
                $"t1_kalshi_orderbook,ticker=T,side=yes price=0.43,quantity=9,seq=6i,is_snapshot=t,received_at={NoonUs}t {NoonNs}",
                $"t1_kalshi_orderbook,ticker=T,side=no price=0.5,quantity=1,seq=6i,is_snapshot=t,received_at={NoonUs}t {NoonNs}",
                $"t1_kalshi_market_status,ticker=T,status=closed received_at={NoonUs}t {NoonNs}",
                $"t1_kalshi_book_integrity,ticker=T trusted=f,reason=\"sequence gap 7 -> 9\",received_at={NoonUs}t {NoonNs}",
            ],
            await FlushedLines());
    }

    [Fact]
    public async Task Quotes_and_opportunities_are_stored_with_their_codes()
    {
        _store.OnMarketEvent(Quote("evt1", "draftkings", "Los Angeles Lakers", Noon, 0.52m, lagMs: 0));
        _store.OnOpportunity(Opportunity("opp-1", OpportunityState.Close, "T", Noon));

        Assert.Equal(
            [
                $"t1_sportsbook_odds,event_id=evt1,sport=basketball_nba,book=draftkings,market_type=h2h,outcome=Los\\ Angeles\\ Lakers,devig_method=multiplicative american=-110i,decimal_odds=1.909091,implied_prob=0.52381,fair_prob=0.52,received_at={NoonUs}t {NoonNs}",
                $"t1_arb_opportunities,state=close,kind=positive_ev,kalshi_ticker=T,sportsbook_event=evt1,book=draftkings,side=yes,equivalence=safe opportunity_id=\"opp-1\",kalshi_price=0.45,book_odds=0,fair_prob=0.5,fee=0.0174,edge_pct=6.24,size=10,profit=0.3259,hedge_stake=0,peak_edge_pct=6.24,first_seen={NoonUs}t,kalshi_quote_ts={NoonUs}t,book_quote_ts={NoonUs}t,close_reason=\"edge gone\" {NoonNs}",
            ],
            await FlushedLines());
    }

    [Fact]
    public async Task User_actions_are_written_before_the_call_returns()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await _store.RecordExecutionAsync(Execution("e1", "opp-1", "T", Side.Yes, 0.45m, 10m, 0.18m, Noon), ct);
        await _store.RecordSettlementAsync(new Settlement("T", SettlementResult.Void, "manual", Noon), ct);
        await _store.RecordMappingAsync(Mapping("T", "Lakers", true, true, SettlementEquivalence.Caution, Noon, note: "line 1\nline \"2\""), ct);

        // Each awaited call sent its own request, in order.
        Assert.Equal(
            [
                $"t1_executions,kalshi_ticker=T,side=yes execution_id=\"e1\",opportunity_id=\"opp-1\",kalshi_order_id=\"order-e1\",planned_price=0.45,kalshi_price=0.45,quantity=10,kalshi_fee=0.18 {NoonNs}\n",
                $"t1_market_settlements,ticker=T,result=void source=\"manual\" {NoonNs}\n",
                // The note's line break is escaped with a backslash, so the mapping stays one row.
                $"t1_event_mapping,kalshi_ticker=T,event_id=evt1,sport=basketball_nba,market_type=h2h,outcome=Lakers,equivalence=caution inverted=t,kalshi_includes_overtime=t,book_includes_overtime=t,kalshi_tie_rule=\"no ties\",book_tie_rule=\"no ties\",kalshi_void_rule=\"void refunds\",book_void_rule=\"void refunds\",confirmed=t,note=\"line 1\\\nline \\\"2\\\"\" {NoonNs}\n",
            ],
            _server.Bodies);
    }

    [Fact]
    public async Task A_user_action_QuestDB_refuses_is_reported_to_the_caller()
    {
        _server.Respond = _ => (400, """{"code":"invalid","message":"column type mismatch [column=quantity]","line":1,"errorId":"x"}""");

        var ex = await Assert.ThrowsAsync<IlpRejectedException>(() =>
            _store.RecordExecutionAsync(Execution("e1", null, "T", Side.Yes, 0.45m, 10m, 0.18m, Noon), TestContext.Current.CancellationToken));

        Assert.Contains("column type mismatch", ex.Message, StringComparison.Ordinal);
        Assert.Contains("t1_executions", ex.Line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_that_cannot_be_encoded_is_skipped_and_counted_without_disturbing_others()
    {
        _store.OnMarketEvent(Tick("", Noon, 0.40m, 0.45m));
        _store.OnMarketEvent(new KalshiTrade("T", "x", 0.45m, 0.55m, 1m, Side.Yes, Noon, Noon));

        List<string> lines = await FlushedLines();

        Assert.Single(lines);
        Assert.StartsWith("t1_kalshi_trades", lines[0], StringComparison.Ordinal);
        Assert.Equal(1, _store.SkippedEvents);
        Assert.Equal(1, _writer.Metrics.RowsInvalid);
    }

    [Fact]
    public async Task Acknowledged_market_events_add_write_latency_rows()
    {
        DateTime received = DateTime.UtcNow.AddMilliseconds(-20);
        _store.OnMarketEvent(new KalshiTrade("T", "x", 0.45m, 0.55m, 1m, Side.Yes, received.AddMilliseconds(-5), received));
        await FlushedLines();

        List<string> lines = await FlushedLines();

        string latency = Assert.Single(lines, l => l.StartsWith("t1_pipeline_latency", StringComparison.Ordinal));
        Assert.StartsWith("t1_pipeline_latency,stage=questdb_write seq=1i,latency_us=", latency, StringComparison.Ordinal);
        long micros = long.Parse(latency.Split("latency_us=")[1].Split('i')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(micros >= 20_000, $"latency {micros} µs should be at least the 20 ms since receipt");
    }

    [Fact]
    public async Task Health_reports_writing_then_spooling_while_QuestDB_refuses()
    {
        Assert.Equal(HealthLevel.Healthy, _store.GetHealth().Level);
        Assert.Equal("questdb", _store.Backend);

        _server.Respond = _ => (503, "");
        _store.OnMarketEvent(Tick("T", Noon, 0.40m, 0.45m));
        await _writer.FlushAsync(TestContext.Current.CancellationToken);

        ComponentHealth health = _store.GetHealth();
        Assert.Equal(HealthLevel.Degraded, health.Level);
        Assert.Contains("QuestDB unreachable over http", health.Message, StringComparison.Ordinal);
        Assert.Equal(1, health.Figures["rows_spooled"]);
        Assert.True(health.Figures["spool_bytes"] > 0);
    }

    [Fact]
    public async Task Disposing_the_store_delivers_what_is_still_buffered()
    {
        _store.OnMarketEvent(Tick("T", Noon, 0.40m, 0.45m));

        await _store.DisposeAsync();

        Assert.StartsWith("t1_kalshi_ticks,ticker=T ", Assert.Single(_server.SnapshotAccepted()), StringComparison.Ordinal);
    }
}
