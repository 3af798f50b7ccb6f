namespace KalshiArb.Ingestion.Pricing;

/// <summary>
/// The devigged books' probability of one outcome at the close: the mean of each counted book's fair probability in its
/// last line at or before the close. <paramref name="SharpOnly"/> says whether the counted books are the sharp ones
/// (<see cref="ClosingLine.SharpBooks"/>) or, none of them quoting, every book.
/// </summary>
public sealed record SharpClose(decimal Probability, IReadOnlyList<string> Books, bool SharpOnly);
