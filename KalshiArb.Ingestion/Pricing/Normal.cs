namespace KalshiArb.Ingestion.Pricing;

/// <summary>The standard normal distribution's CDF Φ and its inverse, in double precision (errors below 1e-9).</summary>
internal static class Normal
{
    /// <summary>Φ(x) = erfc(−x/√2)/2.</summary>
    public static double Cdf(double x)
    {
        if (double.IsNaN(x))
        {
            throw new ArgumentException("x is NaN.", nameof(x));
        }

        return 0.5 * Erfc(-x / Math.Sqrt(2));
    }

    /// <summary>Φ⁻¹(p) for 0 &lt; p &lt; 1: Acklam's rational approximation, then one Halley step on <see cref="Cdf"/>.</summary>
    public static double InverseCdf(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability strictly between 0 and 1 is required.");
        }

        const double low = 0.02425;
        double x;
        if (p < low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        else if (p <= 1 - low)
        {
            double q = p - 0.5;
            double r = q * q;
            x = (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
        }
        else
        {
            double q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }

        double e = Cdf(x) - p;
        double u = e * Math.Sqrt(2 * Math.PI) * Math.Exp(x * x / 2);
        return x - (u / (1 + (x * u / 2)));
    }

    private static readonly double[] A = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
    private static readonly double[] B = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
    private static readonly double[] C = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
    private static readonly double[] D = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];

    /// <summary>erfc(z) by W. J. Cody's rational approximations (relative error below 1e-15 in double).</summary>
    private static double Erfc(double z)
    {
        double x = Math.Abs(z);
        double result;
        if (x < 0.5)
        {
            double t = x * x;
            double top = (((((0.1857777061846032e0 * t) + 3.161123743870566e0) * t + 1.138641541510502e2) * t + 3.774852376853020e2) * t) + 3.209377589138469e3;
            double bottom = ((((t + 2.360129095234412e1) * t + 2.440246379344442e2) * t + 1.282616526077372e3) * t) + 2.844236833439171e3;
            double erf = x * top / bottom;
            result = 1 - erf;
            return z < 0 ? 2 - result : result;
        }

        if (x < 4)
        {
            double top = (((((((((2.15311535474403846e-8 * x) + 5.64188496988670089e-1) * x + 8.88314979438837594e0) * x + 6.61191906371416295e1) * x + 2.98635138197400131e2) * x + 8.81952221241769090e2) * x + 1.71204761263407058e3) * x + 2.05107837782607147e3) * x) + 1.23033935479799725e3;
            double bottom = (((((((x + 1.57449261107098347e1) * x + 1.17693950891312499e2) * x + 5.37181101862009858e2) * x + 1.62138957456669019e3) * x + 3.29079923573345963e3) * x + 4.36261909014324716e3) * x + 3.43936767414372164e3) * x + 1.23033935480374942e3;
            result = Math.Exp(-x * x) * top / bottom;
        }
        else
        {
            double t = 1 / (x * x);
            double top = (((((1.63153871373020978e-2 * t) + 3.05326634961232344e-1) * t + 3.60344899949804439e-1) * t + 1.25781726111229246e-1) * t + 1.60837851487422766e-2) * t + 6.58749161529837803e-4;
            double bottom = ((((t + 2.56852019228982242e0) * t + 1.87295284992346725e0) * t + 5.27905102951428412e-1) * t + 6.05183413124413191e-2) * t + 2.33520497626869185e-3;
            result = Math.Exp(-x * x) / x * (0.5641895835477563 - (t * top / bottom));
        }

        return z < 0 ? 2 - result : result;
    }
}
