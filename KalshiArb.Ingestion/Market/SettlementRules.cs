using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// Judges whether two venues settle a mapped pair the same way. Tie and void rules are short free-text codes
/// ("none", "push", "void", "loss", …) compared case-insensitively; an empty or "unknown" rule counts as different.
/// </summary>
public static class SettlementRules
{
    public const string Unknown = "unknown";

    /// <summary>Overtime counted on one venue only -> Block (the same game can settle opposite ways); differing
    /// or unknown tie/void rules -> Caution (they differ only in a rare case); otherwise Safe.</summary>
    public static SettlementEquivalence Derive(
        bool kalshiIncludesOvertime,
        bool bookIncludesOvertime,
        string? kalshiTieRule,
        string? bookTieRule,
        string? kalshiVoidRule,
        string? bookVoidRule)
    {
        if (kalshiIncludesOvertime != bookIncludesOvertime)
        {
            return SettlementEquivalence.Block;
        }

        return Same(kalshiTieRule, bookTieRule) && Same(kalshiVoidRule, bookVoidRule)
            ? SettlementEquivalence.Safe
            : SettlementEquivalence.Caution;
    }

    public static SettlementEquivalence Derive(EventMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return Derive(
            mapping.KalshiIncludesOvertime,
            mapping.BookIncludesOvertime,
            mapping.KalshiTieRule,
            mapping.BookTieRule,
            mapping.KalshiVoidRule,
            mapping.BookVoidRule);
    }

    private static bool Same(string? kalshi, string? book)
        => Known(kalshi) && Known(book) && string.Equals(kalshi!.Trim(), book!.Trim(), StringComparison.OrdinalIgnoreCase);

    private static bool Known(string? rule) => !string.IsNullOrWhiteSpace(rule) && !rule.Trim().Equals(Unknown, StringComparison.OrdinalIgnoreCase);
}
