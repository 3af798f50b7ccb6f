using System.Globalization;

namespace KalshiArb.Web.Services;

/// <summary>Dollar amounts as the dashboard prints them: "$1,234.56", "-$3.10" (culture-independent).</summary>
internal static class Money
{
    /// <summary>A Kalshi price (dollars per contract) to the tenth of a cent, so a walk's average and a tick price line up in a column: "$0.470".</summary>
    public static string Price(decimal dollars) => "$" + dollars.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A contract count: "1,250 contracts".</summary>
    public static string Contracts(decimal contracts) => contracts.ToString("#,0.##", CultureInfo.InvariantCulture) + (contracts == 1m ? " contract" : " contracts");

    public static string Format(decimal dollars) =>
        (dollars < 0 ? "-$" : "$") + Math.Abs(dollars).ToString("#,0.00", CultureInfo.InvariantCulture);
}
