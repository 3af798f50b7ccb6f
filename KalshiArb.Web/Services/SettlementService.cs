using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;

namespace KalshiArb.Web.Services;

/// <summary>Validates and stores settlements entered by hand; the source records who entered it.</summary>
internal sealed partial class SettlementService(IHistoryStore history, IMarketReader market, TimeProvider time, ILogger<SettlementService> logger)
{
    public async Task<(Settlement? Settlement, IReadOnlyDictionary<string, string> Errors)> RecordAsync(SettlementInput input, string user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        string ticker = input.Ticker?.Trim() ?? "";
        if (ticker.Length == 0)
        {
            errors[nameof(input.Ticker)] = "Kalshi ticker is required.";
        }
        else if (market.GetMarket(ticker) is null)
        {
            errors[nameof(input.Ticker)] = $"Unknown Kalshi market '{ticker}'.";
        }

        SettlementResult? result = input.Result?.Trim().ToLowerInvariant() switch
        {
            "yes" => SettlementResult.Yes,
            "no" => SettlementResult.No,
            "void" => SettlementResult.Void,
            _ => null,
        };
        if (result is null)
        {
            errors[nameof(input.Result)] = "Result must be yes, no or void.";
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var settlement = new Settlement(ticker, result!.Value, $"manual:{user}", time.GetUtcNow().UtcDateTime);
        await history.RecordSettlementAsync(settlement, ct);
        LogEntered(logger, ticker, settlement.Result, user);
        return (settlement, errors);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Settlement {Ticker} = {Result} entered by {User}")]
    private static partial void LogEntered(ILogger logger, string ticker, SettlementResult result, string user);
}
