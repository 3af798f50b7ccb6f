namespace KalshiArb.Ingestion.Storage.QuestDb;

// Read shapes of the replay statements (QuestDbSql.Replay.cs); Dapper fills them by column name.

internal sealed class BookStartRow
{
    public DateTime Ts { get; set; }

    public DateTime ReceivedAt { get; set; }
}

internal sealed class OrderbookRow
{
    public DateTime Ts { get; set; }

    public string Ticker { get; set; } = "";

    public string Side { get; set; } = "";

    public double Price { get; set; }

    public double Quantity { get; set; }

    public long Seq { get; set; }

    public bool IsSnapshot { get; set; }

    public DateTime ReceivedAt { get; set; }
}

internal sealed class MarketStatusRow
{
    public DateTime Ts { get; set; }

    public string Ticker { get; set; } = "";

    public string Status { get; set; } = "";

    public DateTime ReceivedAt { get; set; }
}

internal sealed class BookIntegrityRow
{
    public DateTime Ts { get; set; }

    public string Ticker { get; set; } = "";

    public bool Trusted { get; set; }

    public string? Reason { get; set; }

    public DateTime ReceivedAt { get; set; }
}
