namespace KalshiArb.Ingestion.Model;

/// <summary>
/// One book's line behind a spread/total fair value: the book's point and devigged probability for the mapped outcome
/// (for example Kansas City Chiefs −3 at 0.52, or Over 45.5 at 0.47) and the book's consensus weight.
/// </summary>
public sealed record LineInput(string Book, decimal Point, decimal FairProb, decimal Weight);
