namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>Where a row written with <see cref="IlpWriter.WriteNowAsync{TState}"/> ended up.</summary>
internal enum IlpWriteOutcome
{
    /// <summary>QuestDB acknowledged it.</summary>
    Written,

    /// <summary>QuestDB is unreachable: the row is safe in the spool and will be replayed in order.</summary>
    Spooled,
}
