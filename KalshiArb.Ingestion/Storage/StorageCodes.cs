using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Storage;

/// <summary>
/// The lower-case codes enums are stored as (QuestDB SYMBOLs, Redis fields, JSON), and back. Constant strings,
/// so encoding on the hot path allocates nothing; the SQL compares against these same codes.
/// </summary>
internal static class StorageCodes
{
    public static string Code(Side side) => side == Side.Yes ? "yes" : "no";

    /// <summary>A side a venue may leave unstated (a trade without a taker side).</summary>
    public static string Code(Side? side) => side is { } known ? Code(known) : "unknown";

    public static string Code(OpportunityState state) => state switch
    {
        OpportunityState.Open => "open",
        OpportunityState.Update => "update",
        _ => "close",
    };

    public static string Code(OpportunityKind kind) => kind == OpportunityKind.PositiveEv ? "positive_ev" : "hedged_arb";

    public static string Code(SettlementEquivalence equivalence) => equivalence switch
    {
        SettlementEquivalence.Safe => "safe",
        SettlementEquivalence.Caution => "caution",
        _ => "block",
    };

    public static string Code(SettlementResult result) => result switch
    {
        SettlementResult.Yes => "yes",
        SettlementResult.No => "no",
        _ => "void",
    };

    public static string Code(DevigMethod method) => method switch
    {
        DevigMethod.Multiplicative => "multiplicative",
        DevigMethod.Additive => "additive",
        DevigMethod.Power => "power",
        _ => "shin",
    };

    public static Side ParseSide(string code) => code switch
    {
        "yes" => Side.Yes,
        "no" => Side.No,
        _ => throw Unknown(code, nameof(Side)),
    };

    public static OpportunityState ParseState(string code) => code switch
    {
        "open" => OpportunityState.Open,
        "update" => OpportunityState.Update,
        "close" => OpportunityState.Close,
        _ => throw Unknown(code, nameof(OpportunityState)),
    };

    public static OpportunityKind ParseKind(string code) => code switch
    {
        "positive_ev" => OpportunityKind.PositiveEv,
        "hedged_arb" => OpportunityKind.HedgedArb,
        _ => throw Unknown(code, nameof(OpportunityKind)),
    };

    public static SettlementEquivalence ParseEquivalence(string code) => code switch
    {
        "safe" => SettlementEquivalence.Safe,
        "caution" => SettlementEquivalence.Caution,
        "block" => SettlementEquivalence.Block,
        _ => throw Unknown(code, nameof(SettlementEquivalence)),
    };

    public static SettlementResult ParseResult(string code) => code switch
    {
        "yes" => SettlementResult.Yes,
        "no" => SettlementResult.No,
        "void" => SettlementResult.Void,
        _ => throw Unknown(code, nameof(SettlementResult)),
    };

    public static DevigMethod ParseDevig(string code) => code switch
    {
        "multiplicative" => DevigMethod.Multiplicative,
        "additive" => DevigMethod.Additive,
        "power" => DevigMethod.Power,
        "shin" => DevigMethod.Shin,
        _ => throw Unknown(code, nameof(DevigMethod)),
    };

    private static FormatException Unknown(string code, string type) => new($"\"{code}\" is not a stored {type} code.");
}
