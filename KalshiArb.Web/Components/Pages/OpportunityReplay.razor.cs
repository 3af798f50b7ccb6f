using System.Globalization;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Replay;
using Microsoft.AspNetCore.Components;

namespace KalshiArb.Web.Components.Pages;

/// <summary>
/// One opportunity replayed from stored history (docs/replay.md): the verdict of every logged row against the
/// recomputed evaluation, and a stepper through the stored events with the book, the quotes and the figures after each.
/// Opens at the step that reproduced the opening.
/// </summary>
public sealed partial class OpportunityReplay
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private ReplayResult? _replay;
    private bool _loading = true;
    private string? _error;
    private int _step;

    [Inject]
    private OpportunityReplayer Replayer { get; set; } = default!;

    [Parameter]
    public string OpportunityId { get; set; } = "";

    /// <summary>When the opportunity was seen (ISO 8601): its rows are looked for a day either side.</summary>
    [SupplyParameterFromQuery(Name = "at")]
    public string? At { get; set; }

    private ReplayStep? Current => _replay is { Steps.Count: > 0 } replay ? replay.Steps[_step] : null;

    private string AtText => ReplayLinkAt is { } at ? $" near {Time(at)} UTC" : "";

    private DateTime? ReplayLinkAt => Services.ReplayLink.ParseAt(At);

    /// <summary>"recomputed = logged" when every logged row agrees, else each row that does not and how.</summary>
    private string Verdict => _replay is not { } replay ? ""
        : replay.AllAgree ? $"recomputed = logged ({replay.Checks.Count} logged row{(replay.Checks.Count == 1 ? "" : "s")})"
        : string.Join("; ", replay.Checks.Where(c => !c.Agrees).Select(c => $"{c.Logged.State} at {Time(c.Logged.Ts)}: {c.Verdict}"));

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _error = null;
        try
        {
            _replay = await Replayer.ReplayAsync(OpportunityId, ReplayLinkAt, CancellationToken.None);
            _step = _replay is { Steps.Count: > 0 } replay ? Math.Clamp(replay.Checks[0].StepIndex, 0, replay.Steps.Count - 1) : 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = ex.Message;
        }
        finally
        {
            _loading = false;
        }
    }

    private void Go(int step)
    {
        if (_replay is { Steps.Count: > 0 } replay)
        {
            _step = Math.Clamp(step, 0, replay.Steps.Count - 1);
        }
    }

    private static string Time(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss.fff", Invariant);

    private static string Pct(decimal pct) => pct.ToString("0.00", Invariant) + "%";
}
