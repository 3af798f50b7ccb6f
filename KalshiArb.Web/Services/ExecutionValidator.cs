using System.Globalization;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Validation;

namespace KalshiArb.Web.Services;

/// <summary>
/// Checks a manual execution before it is stored: Kalshi prices strictly inside (0, 1), the fill price on the
/// market's tick grid (log one execution per fill price), a positive quantity up to <see cref="IngestionLimits.MaxContracts"/>,
/// side yes or no, a fee and a stake up to <see cref="IngestionLimits.MaxMoney"/>, and a complete hedge leg with
/// decimal odds above 1 when any hedge field is given. Every number must also come back from storage exactly
/// (<see cref="StorableNumber"/>) and every text be storable as given (<see cref="StorableText"/>). Returns one
/// message per field at fault.
/// </summary>
internal static class ExecutionValidator
{
    /// <summary>Decimal odds of 1000 are American +99900: beyond any book's price.</summary>
    private const decimal MaxDecimalOdds = 1000m;

    /// <summary>Kalshi counts contracts in hundredths.</summary>
    private const int QuantityDecimals = 2;

    /// <summary>A day: the hedge leg is placed within seconds of the Kalshi leg, never a day later.</summary>
    private const double MaxLegGapMs = 86_400_000;

    public static IReadOnlyDictionary<string, string> Validate(ExecutionInput input, Func<string, KalshiMarketInfo?> findMarket, IngestionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        KalshiMarketInfo? market = null;
        if (string.IsNullOrWhiteSpace(input.KalshiTicker))
        {
            errors[nameof(input.KalshiTicker)] = "Kalshi ticker is required.";
        }
        else if ((market = findMarket(input.KalshiTicker.Trim())) is null)
        {
            errors[nameof(input.KalshiTicker)] = $"Unknown Kalshi market '{input.KalshiTicker.Trim()}'.";
        }

        if (ParseSide(input.Side) is null)
        {
            errors[nameof(input.Side)] = "Side must be yes or no.";
        }

        CheckPrice(errors, nameof(input.KalshiPrice), "Fill price", input.KalshiPrice, market);
        // The planned price is what the opportunity showed: a book-walk average may sit between ticks.
        CheckPrice(errors, nameof(input.PlannedPrice), "Planned price", input.PlannedPrice, market: null);

        if (input.Quantity is not > 0m)
        {
            errors[nameof(input.Quantity)] = "Quantity must be greater than 0 contracts.";
        }
        else
        {
            CheckNumber(errors, nameof(input.Quantity), "Quantity", input.Quantity, 0m, limits.MaxContracts, QuantityDecimals);
        }

        if (input.KalshiFee is < 0m)
        {
            errors[nameof(input.KalshiFee)] = "Fee cannot be negative.";
        }
        else
        {
            CheckNumber(errors, nameof(input.KalshiFee), "Fee", input.KalshiFee, 0m, limits.MaxMoney);
        }

        if (input.LegGapMs is < 0)
        {
            errors[nameof(input.LegGapMs)] = "Leg gap cannot be negative.";
        }
        else if (input.LegGapMs is { } gap && StorableNumber.Problem(gap, 0, MaxLegGapMs) is { } gapProblem)
        {
            errors[nameof(input.LegGapMs)] = $"Leg gap {gapProblem} ms.";
        }

        CheckHedge(input, errors, limits);
        CheckText(input, errors, limits);
        return errors;
    }

    /// <summary>
    /// Free text is stored as given: control characters (NUL, line breaks), lone surrogates and over-long values are
    /// refused here with the field named, not by the store later.
    /// </summary>
    private static void CheckText(ExecutionInput input, Dictionary<string, string> errors, IngestionLimits limits)
    {
        foreach ((string field, string? value) in new[]
        {
            (nameof(input.KalshiTicker), input.KalshiTicker), (nameof(input.OpportunityId), input.OpportunityId),
            (nameof(input.KalshiOrderId), input.KalshiOrderId), (nameof(input.HedgeBook), input.HedgeBook),
            (nameof(input.HedgeEvent), input.HedgeEvent), (nameof(input.HedgeOutcome), input.HedgeOutcome),
        })
        {
            if (value is not null && StorableText.Problem(value, limits.MaxTextLength) is { } problem)
            {
                errors[field] = $"The text {problem}: at most {limits.MaxTextLength} characters, without control characters or unpaired surrogates.";
            }
        }
    }

    /// <summary>"yes"/"no" in any case, surrounding blanks ignored; anything else is null.</summary>
    public static Side? ParseSide(string? side) => side?.Trim().ToLowerInvariant() switch
    {
        "yes" => Side.Yes,
        "no" => Side.No,
        _ => null,
    };

    private static void CheckPrice(Dictionary<string, string> errors, string field, string label, decimal? price, KalshiMarketInfo? market)
    {
        if (price is not { } p)
        {
            errors[field] = $"{label} is required.";
        }
        else if (p <= 0m || p >= 1m)
        {
            errors[field] = $"{label} must be between 0 and 1 dollars, exclusive.";
        }
        else if (StorableNumber.Decimals(p) > StorableNumber.MaxDecimals)
        {
            errors[field] = $"{label} {p.ToString(CultureInfo.InvariantCulture)} has more than {StorableNumber.MaxDecimals} decimals.";
        }
        else if (market is { PriceGrid: { } grid } && !grid.Contains(p))
        {
            errors[field] = $"{label} {p} is off the market's {grid.Structure} price grid (step {grid.TickAt(p)} at that price).";
        }
    }

    /// <summary>A value in [min, max] with at most <paramref name="decimals"/> decimals, so storage returns it exactly.</summary>
    private static void CheckNumber(Dictionary<string, string> errors, string field, string label, decimal? value, decimal min, decimal max, int decimals = StorableNumber.MaxDecimals)
    {
        if (value is { } v && StorableNumber.Problem(v, min, max, decimals) is { } problem)
        {
            errors[field] = $"{label} {problem}.";
        }
    }

    private static void CheckHedge(ExecutionInput input, Dictionary<string, string> errors, IngestionLimits limits)
    {
        bool anyHedge = !string.IsNullOrWhiteSpace(input.HedgeBook) || !string.IsNullOrWhiteSpace(input.HedgeEvent)
            || !string.IsNullOrWhiteSpace(input.HedgeOutcome) || input.HedgeOdds is not null || input.HedgeStake is not null
            || input.PlannedHedgeOdds is not null;
        if (!anyHedge)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(input.HedgeBook))
        {
            errors[nameof(input.HedgeBook)] = "Hedge book is required for a hedge leg.";
        }

        if (input.HedgeOdds is not > 1m)
        {
            errors[nameof(input.HedgeOdds)] = "Hedge odds must be decimal odds greater than 1.";
        }
        else
        {
            CheckNumber(errors, nameof(input.HedgeOdds), "Hedge odds", input.HedgeOdds, 1m, MaxDecimalOdds);
        }

        if (input.PlannedHedgeOdds is <= 1m)
        {
            errors[nameof(input.PlannedHedgeOdds)] = "Planned hedge odds must be decimal odds greater than 1.";
        }
        else
        {
            CheckNumber(errors, nameof(input.PlannedHedgeOdds), "Planned hedge odds", input.PlannedHedgeOdds, 1m, MaxDecimalOdds);
        }

        if (input.HedgeStake is not > 0m)
        {
            errors[nameof(input.HedgeStake)] = "Hedge stake must be greater than 0 dollars.";
        }
        else
        {
            CheckNumber(errors, nameof(input.HedgeStake), "Hedge stake", input.HedgeStake, 0m, limits.MaxMoney);
        }
    }
}
