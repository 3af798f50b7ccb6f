namespace KalshiArb.Ingestion.Model;

/// <summary>The lifecycle transition an <see cref="Opportunity"/> row records.</summary>
public enum OpportunityState
{
    Open,
    Update,
    Close,
}
