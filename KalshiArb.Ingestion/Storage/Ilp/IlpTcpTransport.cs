using System.Net.Sockets;

namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>
/// ILP over TCP (port 9009). The protocol has no acknowledgement: a batch counts as accepted once the socket
/// took it, and QuestDB reports a bad line only by closing the connection (the next send then fails and the
/// batch is kept for retry). Prefer HTTP where the outcome matters.
/// </summary>
public sealed class IlpTcpTransport(string host, int port, TimeSpan connectTimeout) : IIlpTransport
{
    private TcpClient? _client;
    private NetworkStream? _stream;

    public string Name => "tcp";

    public async Task<IlpSendResult> SendAsync(ReadOnlyMemory<byte> batch, CancellationToken ct)
    {
        try
        {
            NetworkStream stream = _stream ?? await ConnectAsync(ct);
            await stream.WriteAsync(batch, ct);
            await stream.FlushAsync(ct);
            return IlpSendResult.Accepted;
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            Disconnect();
            return IlpSendResult.Retriable($"QuestDB ILP/TCP at {host}:{port}: {ex.Message}");
        }
    }

    private async Task<NetworkStream> ConnectAsync(CancellationToken ct)
    {
        Disconnect();
        var client = new TcpClient { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(connectTimeout);
            await client.ConnectAsync(host, port, timeout.Token);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        _client = client;
        _stream = client.GetStream();
        return _stream;
    }

    private void Disconnect()
    {
        _stream?.Dispose();
        _client?.Dispose();
        _stream = null;
        _client = null;
    }

    public ValueTask DisposeAsync()
    {
        Disconnect();
        return ValueTask.CompletedTask;
    }
}
