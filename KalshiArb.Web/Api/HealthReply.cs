using KalshiArb.Ingestion.Abstractions;

namespace KalshiArb.Web.Api;

/// <summary>The body of <c>GET /api/health</c>.</summary>
internal sealed record HealthReply(HealthLevel Status, string HistoryBackend, bool Simulator, IReadOnlyList<ComponentHealth> Components);
