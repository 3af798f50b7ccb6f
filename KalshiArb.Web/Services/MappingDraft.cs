using KalshiArb.Ingestion.Model;

namespace KalshiArb.Web.Services;

/// <summary>A mutable copy of an <see cref="EventMapping"/> for the edit form.</summary>
internal sealed class MappingDraft
{
    private EventMapping _original = default!;

    public string KalshiTicker => _original.KalshiTicker;

    public string EventId => _original.EventId;

    public string SportKey => _original.SportKey;

    public string MarketType => _original.MarketType;

    public string Outcome { get; set; } = "";

    public bool Inverted { get; set; }

    public bool KalshiIncludesOvertime { get; set; }

    public bool BookIncludesOvertime { get; set; }

    public string KalshiTieRule { get; set; } = "";

    public string BookTieRule { get; set; } = "";

    public string KalshiVoidRule { get; set; } = "";

    public string BookVoidRule { get; set; } = "";

    public string? Note { get; set; }

    /// <summary>Kalshi's line in the book's convention (a team's handicap, or the total); spreads and totals only.</summary>
    public decimal? Point { get; set; }

    public bool HasLine => MarketType is LineText.Spreads or LineText.Totals;

    /// <summary>
    /// Why the point cannot be saved, or null. Books quote whole and half points, so a line market needs one of those
    /// (a total above zero); a winner market has no line.
    /// </summary>
    public string? PointError => (HasLine, Point) switch
    {
        (false, null) => null,
        (false, _) => "A winner market has no line.",
        (true, null) => "A spread or total needs its line.",
        (true, { } p) when p * 2 != decimal.Truncate(p * 2) => "Lines are whole or half points.",
        (true, { } p) when MarketType == LineText.Totals && p <= 0m => "A total is above zero.",
        _ => null,
    };

    public static MappingDraft From(EventMapping mapping) => new()
    {
        _original = mapping,
        Outcome = mapping.Outcome,
        Inverted = mapping.Inverted,
        KalshiIncludesOvertime = mapping.KalshiIncludesOvertime,
        BookIncludesOvertime = mapping.BookIncludesOvertime,
        KalshiTieRule = mapping.KalshiTieRule,
        BookTieRule = mapping.BookTieRule,
        KalshiVoidRule = mapping.KalshiVoidRule,
        BookVoidRule = mapping.BookVoidRule,
        Note = mapping.Note,
        Point = mapping.Point,
    };

    public EventMapping ToMapping() => _original with
    {
        Outcome = Outcome.Trim(),
        Inverted = Inverted,
        KalshiIncludesOvertime = KalshiIncludesOvertime,
        BookIncludesOvertime = BookIncludesOvertime,
        KalshiTieRule = KalshiTieRule,
        BookTieRule = BookTieRule,
        KalshiVoidRule = KalshiVoidRule,
        BookVoidRule = BookVoidRule,
        Note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim(),
        Point = Point,
    };
}
