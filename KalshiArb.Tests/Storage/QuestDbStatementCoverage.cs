using KalshiArb.Tests.Replay;

namespace KalshiArb.Tests.Storage;

/// <summary>
/// For every statement of <see cref="Ingestion.Storage.QuestDb.QuestDbSql"/>, the server test that checks its answer
/// (beyond <see cref="QuestDbStatementTests"/>, which only runs each one). A statement added without an entry here
/// fails <see cref="QuestDbStatementCoverageTests"/>, on any machine.
/// </summary>
public static class QuestDbStatementCoverage
{
    private const string Schema = nameof(QuestDbSchemaTests) + "." + nameof(QuestDbSchemaTests.Schema_creation_is_idempotent_and_creates_every_table_empty);
    private const string Reads = nameof(QuestDbHistoryReadTests) + "." + nameof(QuestDbHistoryReadTests.History_reads_give_the_hand_computed_answers_and_agree_with_the_in_memory_fallback);
    private const string Audit = nameof(QuestDbHistoryReadTests) + "." + nameof(QuestDbHistoryReadTests.The_audit_gives_the_hand_computed_edges_of_moneyline_mappings_and_leaves_line_mappings_out);
    private const string Replay = nameof(QuestDbWriteDeliveryTests) + "." + nameof(QuestDbWriteDeliveryTests.Replaying_the_same_batch_twice_leaves_one_copy);
    private const string Paging = nameof(QuestDbPagingTests) + "." + nameof(QuestDbPagingTests.Paged_reads_return_every_row_once_in_order_across_page_borders);
    private const string ClosingLine = nameof(QuestDbClosingLineTests) + "." + nameof(QuestDbClosingLineTests.Closing_reads_give_the_last_priced_tick_and_each_books_last_line_before_the_close);
    private const string ReplayReads = nameof(QuestDbReplayTests) + "." + nameof(QuestDbReplayTests.Replay_reads_rebuild_the_book_and_give_the_window_and_the_rows_as_the_in_memory_history_does);
    private const string FillQuotes = nameof(QuestDbFillQuoteTests) + "." + nameof(QuestDbFillQuoteTests.Each_fill_gets_its_markets_last_tick_at_or_before_it_within_five_minutes_and_the_slippage_against_it);
    private const string RunsAll = nameof(QuestDbStatementTests) + "." + nameof(QuestDbStatementTests.Every_statement_runs_against_the_server);

    public static IReadOnlyDictionary<string, string> AnsweredBy { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CreateKalshiTicks"] = Schema,
        ["CreateKalshiTrades"] = Schema,
        ["CreateKalshiOrderbook"] = Schema,
        ["CreateKalshiMarketStatus"] = Schema,
        ["CreateKalshiBookIntegrity"] = Schema,
        ["CreateSportsbookOdds"] = Schema,
        ["CreateArbOpportunities"] = Schema,
        ["CreateExecutions"] = Schema,
        ["CreateMarketSettlements"] = Schema,
        ["CreateEventMapping"] = Schema,
        ["CreatePipelineLatency"] = Schema,
        ["SetTtl"] = Schema,
        ["Ping"] = Schema,
        ["CountRows"] = Schema,
        ["PositiveEvAudit"] = Audit,
        ["QuoteBars"] = Reads,
        ["FairProbSeries"] = Reads,
        ["OpportunitiesInRange"] = Reads,
        ["OpportunitiesInRangeForTicker"] = Reads,
        ["OpportunitiesPage"] = Reads,
        ["OpportunitiesPageForTicker"] = Reads,
        ["ExecutionsInRange"] = Reads,
        ["ExecutionsPage"] = Paging,
        ["FillQuotesInRange"] = FillQuotes,
        ["SettlementsPage"] = Paging,
        ["LatestSettlements"] = Reads,
        ["LatestMappings"] = Reads,
        ["LatencyPercentiles"] = Reads,
        ["WalTables"] = Replay,
        ["DropTable"] = RunsAll,
        ["KalshiTickAt"] = ClosingLine,
        ["SportsbookQuotesAt"] = ClosingLine,
        ["OpportunityRows"] = ReplayReads,
        ["ReplayBookStart"] = ReplayReads,
        ["ReplayOrderbook"] = ReplayReads,
        ["ReplayKalshiTicks"] = ReplayReads,
        ["ReplayMarketStatus"] = ReplayReads,
        ["ReplayBookIntegrity"] = ReplayReads,
        ["ReplayQuotes"] = ReplayReads,
    };
}
