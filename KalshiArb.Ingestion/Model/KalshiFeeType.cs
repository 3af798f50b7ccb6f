namespace KalshiArb.Ingestion.Model;

/// <summary>A Kalshi series' <c>fee_type</c>.</summary>
public enum KalshiFeeType
{
    /// <summary>Taker fee 0.07 × C × P × (1 − P); makers pay nothing.</summary>
    Quadratic,

    /// <summary>Quadratic taker fee, and makers pay 0.0175 × C × P × (1 − P).</summary>
    QuadraticWithMakerFees,

    /// <summary>Quadratic taker fee, and makers pay 0.035 × C × P × (1 − P) (a 0.5 maker multiplier instead of 0.25).</summary>
    QuadraticWithComboMakerFees,

    /// <summary>A fee per contract that does not depend on price (see <see cref="KalshiFees"/> for how it is priced).</summary>
    Flat,
}
