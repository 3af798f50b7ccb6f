using System.Globalization;

namespace KalshiArb.Tests.Feeds;

/// <summary>
/// Market objects as Kalshi's REST reference publishes them (GET /markets, GET /events with nested markets): identity,
/// titles (<c>subtitle</c> is deprecated but still sent), status and times, fixed-point dollar quotes, the price grid
/// (<c>price_level_structure</c>, <c>price_ranges</c>), and the strike fields <c>strike_type</c> (greater,
/// greater_or_equal, less, less_or_equal, between, functional, custom, structured), <c>floor_strike</c> and
/// <c>cap_strike</c> (numbers), <c>functional_strike</c> (string) and <c>custom_strike</c> (object). A field a market
/// does not have is left out, as Kalshi leaves it out.
/// </summary>
internal static class FakeKalshiMarkets
{
    /// <summary>The Chiefs at the Texans, 7 Dec 2025: the event segment every line market of the fake shares.</summary>
    public const string LineEvent = "25DEC07KCHOU";

    /// <summary>The spread series' markets: one per team at 3.5, YES when that team wins by more than the strike.</summary>
    public static IEnumerable<string> Spreads(string series) =>
    [
        Market($"{series}-{LineEvent}-KC4", $"{series}-{LineEvent}", "Kansas City at Houston: Spread", "Kansas City wins by over 3.5 points", "greater", 3.5m, null),
        Market($"{series}-{LineEvent}-HOU4", $"{series}-{LineEvent}", "Kansas City at Houston: Spread", "Houston wins by over 3.5 points", "greater", 3.5m, null),
    ];

    /// <summary>The total series' market at 46.5, YES when more points than the strike are scored.</summary>
    public static IEnumerable<string> Totals(string series) =>
    [
        Market($"{series}-{LineEvent}-47", $"{series}-{LineEvent}", "Kansas City at Houston: Total Points", "Over 46.5 points scored", "greater", 46.5m, null),
    ];

    /// <summary>One market object; <paramref name="extra"/> is appended as further raw JSON members (e.g. a functional strike).</summary>
    public static string Market(string ticker, string eventTicker, string title, string yesSubTitle, string? strikeType, decimal? floor, decimal? cap, string extra = "")
    {
        string strikes = (strikeType is null ? "" : $",\"strike_type\":\"{strikeType}\"")
            + (floor is { } f ? $",\"floor_strike\":{Number(f)}" : "")
            + (cap is { } c ? $",\"cap_strike\":{Number(c)}" : "")
            + (extra.Length > 0 ? "," + extra : "");
        return $$$"""
            {"ticker":"{{{ticker}}}","event_ticker":"{{{eventTicker}}}","market_type":"binary","title":"{{{title}}}","subtitle":"{{{yesSubTitle}}}","yes_sub_title":"{{{yesSubTitle}}}","no_sub_title":"{{{yesSubTitle}}}","created_time":"2025-12-01T15:00:00Z","open_time":"2025-12-01T15:00:00Z","close_time":"2025-12-08T05:00:00Z","expected_expiration_time":"2025-12-08T02:00:00Z","latest_expiration_time":"2025-12-22T18:00:00Z","settlement_timer_seconds":300,"status":"active","yes_bid_dollars":"0.4400","yes_ask_dollars":"0.4500","no_bid_dollars":"0.5500","no_ask_dollars":"0.5600","last_price_dollars":"0.4400","volume_fp":"1200.00","open_interest_fp":"800.00","result":"","can_close_early":true,"rules_primary":"If {{{yesSubTitle}}} in the Kansas City at Houston game, then the market resolves to Yes.","price_level_structure":"linear_cent","price_ranges":[{"start":"0.0000","end":"1.0000","step":"0.0100"}]{{{strikes}}}}
            """;
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
