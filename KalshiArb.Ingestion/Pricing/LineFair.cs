using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pricing;

/// <summary>A spread/total outcome's fair probability at Kalshi's line; <paramref name="Model"/> is null when books quote that very line.</summary>
internal readonly record struct LineFair(decimal FairProb, LineModel? Model);
