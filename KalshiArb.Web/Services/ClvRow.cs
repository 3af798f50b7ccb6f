using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Web.Services;

/// <summary>
/// Closing-line value of one Kalshi leg (an execution or an opportunity at its opening). <paramref name="Close"/> is
/// the instant the close was read at; <paramref name="Provisional"/> when the market has not closed yet (read at now).
/// A missing figure says why in <paramref name="Note"/>.
/// </summary>
public sealed record ClvRow(
    string Id,
    string KalshiTicker,
    string Sport,
    string Book,
    Side Side,
    decimal EntryPrice,
    decimal Contracts,
    DateTime Close,
    bool Provisional,
    ClvFigure? VsKalshi,
    ClvFigure? VsSharp,
    SharpClose? Sharp,
    string? Note);
