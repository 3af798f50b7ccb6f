using KalshiArb.Ingestion.Model;

namespace KalshiArb.Web.Services;

/// <summary>The stored execution, or the validation errors by field that stopped it.</summary>
internal sealed record ExecutionResult(Execution? Execution, IReadOnlyDictionary<string, string> Errors);
