using System.Globalization;
using System.Text.RegularExpressions;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// What a Kalshi spread or total market pays on, read from its series, strike fields and titles. A spread market
/// (series ticker containing SPREAD, e.g. <c>KXNFLSPREAD-25DEC07KCHOU-KC4</c>, yes_sub_title "Kansas City wins by over
/// 3.5 points", <c>strike_type</c> "greater", <c>floor_strike</c> 3.5) pays YES when that team's margin exceeds the strike;
/// a total market (<c>KXNFLTOTAL-25DEC07KCHOU-47</c>, "Over 46.5 points scored") when the total does. A "less" strike
/// (below <c>cap_strike</c>) reads as an Under. Without strike fields the number after "over" in the titles is used.
/// </summary>
/// <param name="TeamText">The spread's YES team as the titles name it (text before "wins by"), else null.</param>
/// <param name="TeamCode">The spread's YES team code from the ticker's last segment (letters before the digits), else null.</param>
/// <param name="Strike">YES when the margin or total is strictly greater than this (below it for an Under).</param>
public sealed partial record KalshiLine(string MarketType, string? TeamText, string? TeamCode, decimal Strike, bool Over)
{
    /// <summary>The book outcome's point with the same line: a team "wins by over 3.5" is that team −3.5; a total keeps its number.</summary>
    public decimal BookPoint => MarketType == LineText.Spreads ? -Strike : Strike;

    public static KalshiLine? Parse(KalshiMarketInfo market)
    {
        ArgumentNullException.ThrowIfNull(market);
        string series = market.SeriesTicker.ToUpperInvariant();
        string? type = series.Contains("SPREAD", StringComparison.Ordinal) ? LineText.Spreads
            : series.Contains("TOTAL", StringComparison.Ordinal) ? LineText.Totals
            : null;
        if (type is null)
        {
            return null;
        }

        (decimal? strike, bool over) = market.StrikeType switch
        {
            "greater" => (market.FloorStrike, true),
            // Whole results: "at least n" is "more than n − ½", the half-point line books quote.
            "greater_or_equal" => (market.FloorStrike - 0.5m, true),
            "less" => (market.CapStrike, false),
            "less_or_equal" => (market.CapStrike + 0.5m, false),
            _ => (TitleStrike(market), true),
        };
        if (strike is not { } value || (type == LineText.Spreads && !over))
        {
            return null;
        }

        string? teamText = null, teamCode = null;
        if (type == LineText.Spreads)
        {
            Match team = WinsBy().Match(market.YesSubTitle ?? market.Title);
            teamText = team.Success ? team.Groups["team"].Value.Trim() : null;
            Match code = CodeSuffix().Match(market.Ticker.Split('-')[^1]);
            teamCode = code.Success ? code.Groups["code"].Value.ToUpperInvariant() : null;
        }

        return new KalshiLine(type, teamText, teamCode, value, over);
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
