using System.Globalization;
using System.Text.RegularExpressions;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// What a Kalshi spread or total market pays on, read from its series, strike fields and titles. A spread market
/// (series ticker containing SPREAD, e.g. <c>KXNFLSPREAD-25DEC07KCHOU-KC4</c>, yes_sub_title "Kansas City wins by over
/// 3.5 points", <c>strike_type</c> "greater", <c>floor_strike</c> 3.5) pays YES when that team's margin exceeds the strike;
/// a total market (<c>KXNFLTOTAL-25DEC07KCHOU-47</c>, "Over 46.5 points scored") when the total does. A "less" strike
/// (below <c>cap_strike</c>) reads as an Under. Without strike fields the number after "over" in the titles is used; any
/// other strike type (between, functional, custom, structured) or a comparison without its strike is no line.
/// </summary>
/// <param name="TeamText">The spread's YES team as the titles name it (text before "wins by"), else null.</param>
/// <param name="TeamCode">The spread's YES team code from the ticker's last segment (letters before the digits), else null.</param>
/// <param name="Strike">YES when the margin or total is strictly greater than this (below it for an Under).</param>
internal sealed partial record KalshiLine(string MarketType, string? TeamText, string? TeamCode, decimal Strike, bool Over)
{
    /// <summary>The book outcome's point with the same line: a team "wins by over 3.5" is that team −3.5; a total keeps its number.</summary>
    public decimal BookPoint => MarketType == LineText.Spreads ? -Strike : Strike;

    /// <summary>The market's line; null for a market that is no line or whose line cannot be read (<see cref="Read"/> says why).</summary>
    public static KalshiLine? Parse(KalshiMarketInfo market) => Read(market).Line;

    /// <summary>
    /// The market's line, or why a spread or total market has none this product can price (a strike type other than
    /// the four comparisons, a comparison without its strike, an Under on a spread); both null for a market of another series.
    /// </summary>
    public static (KalshiLine? Line, string? Unreadable) Read(KalshiMarketInfo market)
    {
        ArgumentNullException.ThrowIfNull(market);
        string series = market.SeriesTicker.ToUpperInvariant();
        string? type = series.Contains("SPREAD", StringComparison.Ordinal) ? LineText.Spreads
            : series.Contains("TOTAL", StringComparison.Ordinal) ? LineText.Totals
            : null;
        if (type is null)
        {
            return (null, null);
        }

        // Kalshi's strike types also include between, functional, custom and structured: none is a book line.
        (decimal? strike, bool over, string? field) = market.StrikeType switch
        {
            "greater" => (market.FloorStrike, true, "floor_strike"),
            // Whole results: "at least n" is "more than n − ½", the half-point line books quote.
            "greater_or_equal" => (market.FloorStrike - 0.5m, true, "floor_strike"),
            "less" => (market.CapStrike, false, "cap_strike"),
            "less_or_equal" => (market.CapStrike + 0.5m, false, "cap_strike"),
            null => (TitleStrike(market), true, null),
            _ => (null, true, null),
        };
        if (strike is not { } value)
        {
            return (null, (market.StrikeType, field) switch
            {
                (null, _) => "no strike_type and no \"over N\" in its titles",
                (_, null) => $"strike_type \"{market.StrikeType}\" is not a line this product prices",
                _ => $"strike_type \"{market.StrikeType}\" without {field}",
            });
        }

        if (type == LineText.Spreads && !over)
        {
            return (null, $"a spread with strike_type \"{market.StrikeType}\" (an Under) has no book outcome");
        }

        string? teamText = null, teamCode = null;
        if (type == LineText.Spreads)
        {
            Match team = WinsBy().Match(market.YesSubTitle ?? market.Title);
            teamText = team.Success ? team.Groups["team"].Value.Trim() : null;
            Match code = CodeSuffix().Match(market.Ticker.Split('-')[^1]);
            teamCode = code.Success ? code.Groups["code"].Value.ToUpperInvariant() : null;
        }

        return (new KalshiLine(type, teamText, teamCode, value, over), null);
    }

    private static decimal? TitleStrike(KalshiMarketInfo market)
    {
        foreach (string? text in new[] { market.YesSubTitle, market.Title })
        {
            Match match = OverNumber().Match(text ?? "");
            if (match.Success)
            {
                return decimal.Parse(match.Groups["n"].Value, NumberStyles.Number, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex(@"over\s+(?<n>\d+(\.\d+)?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OverNumber();

    [GeneratedRegex(@"^(?<team>.+?)\s+wins\s+by", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WinsBy();

    [GeneratedRegex(@"^(?<code>[A-Za-z]+)\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex CodeSuffix();
}
