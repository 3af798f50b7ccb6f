namespace KalshiArb.Bench;

/// <summary>One line of the result table: what was measured, its value and unit, the goal, and whether it was met.</summary>
public sealed record BenchFigure(string Name, string Value, string Unit, string Goal, GoalVerdict Verdict, string Note = "")
{
    public static BenchFigure Skipped(string name, string unit, string goal, string reason) =>
        new(name, "-", unit, goal, GoalVerdict.Skipped, $"skipped: {reason}");

    public string VerdictText => Verdict switch
    {
        GoalVerdict.Met => "yes",
        GoalVerdict.NotMet => "NO",
        GoalVerdict.Skipped => "skipped",
        _ => "-",
    };
}
