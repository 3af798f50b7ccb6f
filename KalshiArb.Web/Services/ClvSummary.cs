namespace KalshiArb.Web.Services;

/// <summary>The Performance page's closing-line value over one period: executions and opened opportunities, per sport and per book.</summary>
internal sealed record ClvSummary(
    IReadOnlyList<ClvRow> Executions,
    IReadOnlyList<ClvRow> Opportunities)
{
    public IReadOnlyList<ClvAggregate> ExecutionsBySport => ClvAggregate.By(Executions, r => r.Sport);

    public IReadOnlyList<ClvAggregate> ExecutionsByBook => ClvAggregate.By(Executions, r => r.Book);

    public IReadOnlyList<ClvAggregate> OpportunitiesBySport => ClvAggregate.By(Opportunities, r => r.Sport);

    public IReadOnlyList<ClvAggregate> OpportunitiesByBook => ClvAggregate.By(Opportunities, r => r.Book);
}
