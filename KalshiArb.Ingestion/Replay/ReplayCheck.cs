using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Replay;

/// <summary>
/// One logged transition held against the detector's evaluation recomputed at its time. An open or update agrees when
/// the recomputed figures equal the logged ones (<see cref="ReplayAgreement"/>); a close agrees when the evaluation no
/// longer supports the opportunity. <paramref name="Recomputed"/> is null when it does not, with
/// <paramref name="Problem"/> saying why (as the detector's close reason would). <paramref name="StepIndex"/> is the
/// step after which the state reproduced the row (-1: before the first step shown).
/// </summary>
public sealed record ReplayCheck(
    Opportunity Logged,
    ReplayFigures? Recomputed,
    string? Problem,
    bool Agrees,
    IReadOnlyList<string> Differences,
    int StepIndex)
{
    /// <summary>"recomputed = logged", or what differs.</summary>
    public string Verdict => Agrees ? "recomputed = logged" : string.Join("; ", Differences);
}
