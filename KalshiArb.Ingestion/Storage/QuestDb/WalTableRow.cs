namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>One table of <see cref="QuestDbSql.WalTables"/>. Filled by Dapper (snake_case columns).</summary>
internal sealed class WalTableRow
{
    public string Name { get; set; } = "";

    public bool Suspended { get; set; }

    public long WriterTxn { get; set; }

    public long SequencerTxn { get; set; }
}
