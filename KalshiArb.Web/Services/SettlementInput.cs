namespace KalshiArb.Web.Services;

/// <summary>A settlement entered by hand: the Kalshi ticker and "yes", "no" or "void".</summary>
internal sealed class SettlementInput
{
    public string? Ticker { get; set; }

    public string? Result { get; set; }
}
