using KalshiArb.Ingestion.Model;

namespace KalshiArb.Web.Services;

/// <summary>
/// Checks a manual execution before it is stored: Kalshi prices strictly inside (0, 1), the fill price on the
/// market's tick grid (log one execution per fill price), a positive quantity, side yes or no, a non-negative fee, and a complete hedge leg with decimal odds
/// above 1 when any hedge field is given. Returns one message per field at fault.
/// </summary>
public static class ExecutionValidator
{
    public static IReadOnlyDictionary<string, string> Validate(ExecutionInput input, Func<string, KalshiMarketInfo?> findMarket)
    {
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

        if (input.KalshiFee is < 0m)
        {
            errors[nameof(input.KalshiFee)] = "Fee cannot be negative.";
        }

        if (input.LegGapMs is < 0)
        {
            errors[nameof(input.LegGapMs)] = "Leg gap cannot be negative.";
        }

        CheckHedge(input, errors);
        CheckText(input, errors);
        return errors;
    }

    /// <summary>Free text is stored as given: control characters (NUL, line breaks) are refused here with the field named, not by the store later.</summary>
    private static void CheckText(ExecutionInput input, Dictionary<string, string> errors)
    {
        foreach ((string field, string? value) in new[]
        {
            (nameof(input.KalshiTicker), input.KalshiTicker), (nameof(input.OpportunityId), input.OpportunityId),
            (nameof(input.KalshiOrderId), input.KalshiOrderId), (nameof(input.HedgeBook), input.HedgeBook),
            (nameof(input.HedgeEvent), input.HedgeEvent), (nameof(input.HedgeOutcome), input.HedgeOutcome),
        })
        {
            if (value is not null && (value.Length > 200 || value.Any(char.IsControl)))
            {
                errors[field] = "Must be at most 200 characters, without control characters.";
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
        else if (market is { PriceGrid: { } grid } && !grid.Contains(p))
        {
            errors[field] = $"{label} {p} is off the market's {grid.Structure} price grid (step {grid.TickAt(p)} at that price).";
        }
    }

    private static void CheckHedge(ExecutionInput input, Dictionary<string, string> errors)
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

        if (input.PlannedHedgeOdds is <= 1m)
        {
            errors[nameof(input.PlannedHedgeOdds)] = "Planned hedge odds must be decimal odds greater than 1.";
        }

        if (input.HedgeStake is not > 0m)
        {
            errors[nameof(input.HedgeStake)] = "Hedge stake must be greater than 0 dollars.";
        }
    }
}
