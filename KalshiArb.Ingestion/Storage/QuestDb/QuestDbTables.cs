namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>The prefixed table names, resolved once so encoding a row allocates nothing.</summary>
internal sealed class QuestDbTables(QuestDbSql sql)
{
    public string KalshiTicks { get; } = sql.TableName("kalshi_ticks");

    public string KalshiTrades { get; } = sql.TableName("kalshi_trades");

    public string KalshiOrderbook { get; } = sql.TableName("kalshi_orderbook");

    public string KalshiMarketStatus { get; } = sql.TableName("kalshi_market_status");

    public string KalshiBookIntegrity { get; } = sql.TableName("kalshi_book_integrity");

    public string SportsbookOdds { get; } = sql.TableName("sportsbook_odds");

    public string ArbOpportunities { get; } = sql.TableName("arb_opportunities");

    public string Executions { get; } = sql.TableName("executions");

    public string MarketSettlements { get; } = sql.TableName("market_settlements");

    public string EventMapping { get; } = sql.TableName("event_mapping");

    public string PipelineLatency { get; } = sql.TableName("pipeline_latency");
}
