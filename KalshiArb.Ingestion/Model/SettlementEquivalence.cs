namespace KalshiArb.Ingestion.Model;

/// <summary>Whether both venues settle a mapped pair the same way.</summary>
public enum SettlementEquivalence
{
    /// <summary>Same rules on both sides (overtime, ties, voids).</summary>
    Safe,

    /// <summary>Rules differ in a rare case; opportunities are shown flagged.</summary>
    Caution,

    /// <summary>Rules differ materially; never forms an opportunity.</summary>
    Block,
}
