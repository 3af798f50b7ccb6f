using System.Globalization;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Web.Services;

/// <summary>The address of an opportunity's replay page (docs/replay.md): its id, and when it was seen so the rows are found fast.</summary>
internal static class ReplayLink
{
    public static string For(Opportunity opportunity)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        return For(opportunity.OpportunityId, opportunity.FirstSeen);
    }

    public static string For(string opportunityId, DateTime at) =>
        $"replay/{Uri.EscapeDataString(opportunityId)}?at={Uri.EscapeDataString(at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture))}";

    /// <summary>The <c>at</c> query value as UTC; null when absent or not a time.</summary>
    public static DateTime? ParseAt(string? at) =>
        DateTime.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime parsed) ? parsed : null;
}
