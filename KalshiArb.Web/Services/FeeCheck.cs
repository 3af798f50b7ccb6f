using System.Globalization;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Web.Services;

/// <summary>
/// The form's one statement about the fee: whether the fee entered is Kalshi's taker fee at the fill price, and if
/// not why (a walk's fee is summed per level filled, one price is not); <paramref name="Derivation"/> is the
/// arithmetic, shown on hover.
/// </summary>
internal sealed record FeeCheck(bool Agrees, string Text, string Derivation)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="entered">the fee in the form.</param>
    /// <param name="fromWalk">whether the entered fee is still the one prefilled from an opportunity's walk.</param>
    /// <param name="price">the fill price.</param>
    /// <param name="contracts">the quantity.</param>
    /// <param name="takerFee">Kalshi's taker fee for the order at that one price, as the pricing code computes it.</param>
    public static FeeCheck For(decimal? entered, bool fromWalk, decimal price, decimal contracts, decimal takerFee)
    {
        decimal raw = KalshiFees.TakerCoefficient * contracts * price * (1m - price);
        string derivation = string.Create(Invariant, $"{KalshiFees.TakerCoefficient} × {contracts:0.##} contracts × ${price:0.00##} × (1 − ${price:0.00##}) = ${raw:0.0000}, rounded up to the cent");
        derivation += decimal.Ceiling(raw * 100m) / 100m == takerFee ? $": {Money.Format(takerFee)}" : $", with the series' fee multiplier or waiver: {Money.Format(takerFee)}";
        string atPrice = string.Create(Invariant, $"{Money.Format(takerFee)} taker fee at ${price:0.00##} × {contracts:0.##}");
        if (entered == takerFee)
        {
            return new FeeCheck(true, $"= {atPrice}", derivation);
        }

        string text = fromWalk && entered is { } walkFee
            ? $"{Money.Format(walkFee)} is the planned fee, summed per level the walk fills; {atPrice} (one price for every contract)"
            : $"differs from {atPrice}";
        return new FeeCheck(false, text, derivation);
    }
}
