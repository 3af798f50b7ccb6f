namespace KalshiArb.Ingestion.Pricing;

/// <summary>
/// The running state of <see cref="BookWalk"/>'s exact size search: the best clearing size so far and its outlay, in
/// whole micro-dollars. Sizes are offered in increasing order, so an equal profit later is a larger size and wins.
/// A struct on the walk's stack: a walk allocates nothing unless a size clears.
/// </summary>
internal struct SizeSearch
{
    private const decimal MicrosPerDollar = 1_000_000m;
    private const double DollarsPerMicro = 1e-6;
    private const long MicrosPerCent = 10_000;

    private readonly decimal _value;
    private readonly decimal _hedgeOdds;
    private readonly decimal _clearFactor;
    private readonly double _valueD;
    private readonly double _hedgeOddsD;
    private readonly double _clearFactorD;
    private readonly double _stakePerContractD;
    private long _bestOutlay;

    /// <param name="value">what a contract is worth: the fair probability (+EV) or $1 (hedged, one leg always pays).</param>
    /// <param name="hedgeOdds">decimal odds of the hedge, or 0 for none.</param>
    public SizeSearch(decimal value, decimal hedgeOdds, decimal minEdgePct)
    {
        _value = value;
        _hedgeOdds = hedgeOdds;
        _clearFactor = 100m + minEdgePct;
        _valueD = (double)value;
        _hedgeOddsD = (double)hedgeOdds;
        _clearFactorD = (double)_clearFactor;
        _stakePerContractD = hedgeOdds == 0m ? 0d : 1d / _hedgeOddsD;
    }

    /// <summary>The best size found, 0 while none clears.</summary>
    public long BestSize { readonly get; private set; }

    /// <summary>
    /// Offers the sizes <paramref name="before"/> + 1 .. <paramref name="before"/> + <paramref name="size"/>, which take
    /// 1 .. size contracts of one level on top of the levels before it. <paramref name="rounded"/> and
    /// <paramref name="rounding"/> are those levels' totals (see <see cref="KalshiFees.TakerDebit"/>), <paramref name="unit"/>
    /// and <paramref name="unitRounding"/> this level's per contract, all in micro-dollars.
    /// </summary>
    public void ScanLevel(long before, long size, long rounded, long rounding, long unit, long unitRounding)
    {
        // Upper bounds, linear in k within the level: profit <= v·n − cost − n·h (h the least stake a contract needs) and
        // clear margin <= 100·v·n − (100 + m)·(cost + n·h). Cost = rounded − rounding, exact.
        double cost0 = (rounded - rounding) * DollarsPerMicro;
        double costSlope = (unit - unitRounding) * DollarsPerMicro;
        double profit0 = (_valueD * before) - cost0 - (_stakePerContractD * before);
        double profitSlope = _valueD - costSlope - _stakePerContractD;
        double margin0 = (100d * _valueD * before) - (_clearFactorD * (cost0 + (_stakePerContractD * before)));
        double marginSlope = (100d * _valueD) - (_clearFactorD * (costSlope + _stakePerContractD));
        double bestProfit = BestSize == 0 ? double.NegativeInfinity : (_valueD * BestSize) - (_bestOutlay * DollarsPerMicro);
        (long lo, long hi) = (1, size);
        (lo, hi) = Narrow(lo, hi, profit0, profitSlope, bestProfit);
        (lo, hi) = Narrow(lo, hi, margin0, marginSlope, 0d);
        for (long k = lo; k <= hi; k++)
        {
            long n = before + k;
            long roundingNow = rounding + (k * unitRounding);
            long debit = rounded + (k * unit);
            if (roundingNow != 0)
            {
                // The rebates refund every whole cent of the rounding but the last: W − ceil_cent(y) + $0.01.
                debit += MicrosPerCent - (((roundingNow + MicrosPerCent - 1) / MicrosPerCent) * MicrosPerCent);
            }

            long outlay = debit + (_hedgeOdds == 0m ? 0 : Stake(n) * MicrosPerCent);
            if (Clears(n, outlay) && (BestSize == 0 || AtLeastAsProfitable(n, outlay)))
            {
                BestSize = n;
                _bestOutlay = outlay;
            }
        }
    }

    /// <summary>
    /// Keeps the k in [lo, hi] where a + b·k could reach <paramref name="floor"/> (less a tolerance, and a contract of
    /// slack each way for the rounding of the bound itself): outside, the true value is surely below it.
    /// </summary>
    private static (long Lo, long Hi) Narrow(long lo, long hi, double a, double b, double floor)
    {
        if (double.IsNegativeInfinity(floor) || lo > hi)
        {
            return (lo, hi);
        }

        double target = floor - Tolerance(a, floor);
        if (b == 0d)
        {
            return a >= target ? (lo, hi) : (1, 0);
        }

        double k = (target - a) / b;
        if (!double.IsFinite(k))
        {
            return (lo, hi);
        }

        return b > 0d
            ? (Math.Max(lo, (long)Math.Clamp(Math.Floor(k) - 1d, lo, hi + 1d)), hi)
            : (lo, Math.Min(hi, (long)Math.Clamp(Math.Ceiling(k) + 1d, lo - 1d, hi)));
    }

    /// <summary>100·v·n ≥ (100 + m)·outlay.</summary>
    private readonly bool Clears(long n, long outlay)
    {
        double left = 100d * _valueD * n, right = _clearFactorD * outlay * DollarsPerMicro;
        double tolerance = Tolerance(left, right);
        return left - right > tolerance
            || (left - right >= -tolerance && 100m * _value * n >= _clearFactor * (outlay / MicrosPerDollar));
    }

    /// <summary>v·n − outlay ≥ v·best − best outlay, i.e. v·(n − best) ≥ outlay − best outlay.</summary>
    private readonly bool AtLeastAsProfitable(long n, long outlay)
    {
        double left = _valueD * (n - BestSize), right = (outlay - _bestOutlay) * DollarsPerMicro;
        double tolerance = Tolerance(left, right);
        return left - right > tolerance
            || (left - right >= -tolerance && _value * (n - BestSize) >= (outlay - _bestOutlay) / MicrosPerDollar);
    }

    /// <summary>The hedge stake in cents, as <see cref="Edges.HedgeStake"/> computes it; decimal only when n / d is near a cent.</summary>
    private readonly long Stake(long n)
    {
        double cents = 100d * n / _hedgeOddsD;
        double nearest = Math.Round(cents);
        return Math.Abs(cents - nearest) > Tolerance(cents, nearest)
            ? (long)Math.Ceiling(cents)
            : (long)(Edges.HedgeStake(n, _hedgeOdds) * 100m);
    }

    /// <summary>Far above the error of the few double operations behind either side (about 1e-16 of their size).</summary>
    private static double Tolerance(double a, double b) => 1e-9 + (1e-12 * Math.Max(Math.Abs(a), Math.Abs(b)));
}
