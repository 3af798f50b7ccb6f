using Microsoft.AspNetCore.SignalR;

namespace KalshiArb.Web.Live;

/// <summary>
/// <c>/hubs/edges</c>: server-to-client only. Every connected client receives <see cref="BatchMethod"/> with a
/// <see cref="LiveBatch"/> at most about 10 times a second.
/// </summary>
public sealed class EdgeHub : Hub
{
    public const string Path = "/hubs/edges";
    public const string BatchMethod = "batch";
}
