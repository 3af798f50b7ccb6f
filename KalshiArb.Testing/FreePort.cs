using System.Net;
using System.Net.Sockets;

namespace KalshiArb.Testing;

/// <summary>Free TCP ports on loopback for the servers tests and benchmarks start.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
