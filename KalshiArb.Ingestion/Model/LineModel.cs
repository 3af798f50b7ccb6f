namespace KalshiArb.Ingestion.Model;

/// <summary>
/// How a model-based fair value was derived (docs/pricing.md, "Spreads and totals"): the books' lines
/// (<paramref name="Inputs"/>) fit a normal distribution of the mapped team's margin (spreads) or of the total
/// (totals) with the sport's stated standard deviation <paramref name="Sigma"/>; <paramref name="Mean"/> is the fitted
/// mean; <paramref name="Point"/> is Kalshi's line in the book's convention; <paramref name="FairProb"/> the mapped
/// outcome's probability there.
/// </summary>
public sealed record LineModel(string Distribution, decimal Sigma, decimal Mean, decimal Point, decimal FairProb, IReadOnlyList<LineInput> Inputs)
{
    public const string NormalDistribution = "normal";

    /// <summary>By value, inputs included: a model read back from storage equals the one written.</summary>
    public bool Equals(LineModel? other) =>
        other is not null && Distribution == other.Distribution && Sigma == other.Sigma && Mean == other.Mean && Point == other.Point
        && FairProb == other.FairProb && Inputs.SequenceEqual(other.Inputs);

    public override int GetHashCode() => HashCode.Combine(Distribution, Sigma, Mean, Point, FairProb, Inputs.Count);

    /// <summary>One line for tables and tooltips, e.g. "normal σ 13.5, mean 4.1 ← draftkings −3 @ 0.520, fanduel −3.5 @ 0.500".</summary>
    public string Describe()
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        string inputs = string.Join(", ", Inputs.Select(i => string.Create(inv, $"{i.Book} {LineText.Signed(i.Point)} @ {i.FairProb:0.000}")));
        return string.Create(inv, $"{Distribution} σ {Sigma:0.##}, mean {Mean:0.0#} ← {inputs}");
    }
}
