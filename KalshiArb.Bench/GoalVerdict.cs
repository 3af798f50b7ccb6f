namespace KalshiArb.Bench;

/// <summary>Whether a figure met its goal; informational figures have none.</summary>
public enum GoalVerdict
{
    Met,
    NotMet,
    Informational,
    Skipped,
}
