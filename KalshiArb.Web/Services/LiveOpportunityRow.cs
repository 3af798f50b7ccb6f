using KalshiArb.Ingestion.Model;

namespace KalshiArb.Web.Services;

/// <summary>One line of the live table: the latest transition of an opportunity and, once closed, when it closed.</summary>
internal sealed record LiveOpportunityRow(Opportunity Opportunity, DateTime? ClosedAt)
{
    public bool IsClosed => ClosedAt is not null;
}
