using System.Globalization;

namespace KalshiArb.Web.Services;

/// <summary>Dollar amounts as the dashboard prints them: "$1,234.56", "-$3.10" (culture-independent).</summary>
public static class Money
{
    public static string Format(decimal dollars) =>
        (dollars < 0 ? "-$" : "$") + Math.Abs(dollars).ToString("#,0.00", CultureInfo.InvariantCulture);
}
