using System.ComponentModel.DataAnnotations;

namespace KalshiArb.Ingestion.Validation;

/// <summary>
/// Configuration section "Ingestion": the domain every value must lie in before it may be stored, checked by the feed
/// parsers and the execution form/API. A venue timestamp outside [received − <see cref="MaxBehind"/>, received +
/// <see cref="MaxAhead"/>] is refused: QuestDB counts a table's TTL from its newest row, so one row stamped in the
/// future would expire every real row of the table.
/// </summary>
public sealed class IngestionLimits : IValidatableObject
{
    public const string SectionName = "Ingestion";

    /// <summary>How far a venue timestamp may run ahead of our receive time (clock skew).</summary>
    public TimeSpan MaxAhead { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far a venue timestamp may lag our receive time (a book's stale <c>last_update</c>, a replay).</summary>
    public TimeSpan MaxBehind { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The largest quantity of one execution, in contracts.</summary>
    public decimal MaxContracts { get; set; } = 1_000_000m;

    /// <summary>The largest fee or hedge stake of one execution, in dollars.</summary>
    public decimal MaxMoney { get; set; } = 1_000_000m;

    /// <summary>The longest free text (ticker, id, book, team, order id) accepted, in UTF-16 code units.</summary>
    public int MaxTextLength { get; set; } = 200;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxAhead <= TimeSpan.Zero || MaxAhead > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("Ingestion:MaxAhead must be more than zero and at most one day.", [nameof(MaxAhead)]);
        }

        if (MaxBehind <= TimeSpan.Zero || MaxBehind > TimeSpan.FromDays(3650))
        {
            yield return new ValidationResult("Ingestion:MaxBehind must be more than zero and at most 3650 days.", [nameof(MaxBehind)]);
        }

        if (MaxContracts <= 0m || MaxContracts > StorableNumber.Ceiling)
        {
            yield return new ValidationResult($"Ingestion:MaxContracts must be more than 0 and at most {StorableNumber.Ceiling:0}.", [nameof(MaxContracts)]);
        }

        if (MaxMoney <= 0m || MaxMoney > StorableNumber.Ceiling)
        {
            yield return new ValidationResult($"Ingestion:MaxMoney must be more than 0 and at most {StorableNumber.Ceiling:0}.", [nameof(MaxMoney)]);
        }

        if (MaxTextLength is < 1 or > 4096)
        {
            yield return new ValidationResult("Ingestion:MaxTextLength must be from 1 to 4096.", [nameof(MaxTextLength)]);
        }
    }
}
