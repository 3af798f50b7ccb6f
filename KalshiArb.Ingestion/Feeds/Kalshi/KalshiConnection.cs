using System.Buffers;
using System.Net.WebSockets;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// Transport, one connection: the signed handshake, whole messages in, commands out. A connection waiting for a
/// message longer than <see cref="KalshiOptions.SilenceTimeout"/> is aborted by its <see cref="SilenceWatchdog"/>.
/// </summary>
internal sealed class KalshiConnection : IAsyncDisposable
{
    private const int MaxMessageBytes = 16 * 1024 * 1024;

    private readonly ClientWebSocket _socket;
    private readonly SilenceWatchdog _watchdog;
    private readonly TimeSpan _silenceTimeout;
    private readonly CancellationTokenSource _end = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private Task _watching = Task.CompletedTask;

    private KalshiConnection(ClientWebSocket socket, TimeProvider time, TimeSpan silenceTimeout)
    {
        _socket = socket;
        _silenceTimeout = silenceTimeout;
        _watchdog = new SilenceWatchdog(time, silenceTimeout);
    }

    /// <summary>The last message received, valid until the next <see cref="ReceiveAsync"/>.</summary>
    public ReadOnlyMemory<byte> Message => _buffer.WrittenMemory;

    /// <summary>Connects with headers signed for this handshake (a GET of the WebSocket path); gives up after the silence timeout.</summary>
    public static async Task<KalshiConnection> OpenAsync(
        KalshiOptions options, KalshiRequestSigner signer, Uri uri, TimeProvider time, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = options.KeepAliveInterval;
        socket.Options.KeepAliveTimeout = options.KeepAliveTimeout;
        foreach ((string name, string value) in signer.Headers("GET", uri.AbsolutePath, time.GetUtcNow()))
        {
            socket.Options.SetRequestHeader(name, value);
        }

        var connection = new KalshiConnection(socket, time, options.SilenceTimeout);
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connectTimeout.CancelAfter(options.SilenceTimeout);
            await socket.ConnectAsync(uri, connectTimeout.Token).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        connection._watching = connection._watchdog.WatchAsync(socket, connection._end.Token);
        return connection;
    }

    /// <summary>
    /// Receives one whole message into <see cref="Message"/>: null when one arrived, else why the connection ended
    /// (closed by the server, silent too long, message too large).
    /// </summary>
    public async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        _buffer.ResetWrittenCount();
        _watchdog.WaitingStarted();
        ValueWebSocketReceiveResult result;
        try
        {
            do
            {
                result = await _socket.ReceiveAsync(_buffer.GetMemory(8 * 1024), cancellationToken).ConfigureAwait(false);
                _buffer.Advance(result.Count);
                if (_buffer.WrittenCount > MaxMessageBytes)
                {
                    return $"message larger than {MaxMessageBytes} bytes";
                }
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
        }
        catch (Exception ex) when (_watchdog.Tripped && ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            return $"no message for {_silenceTimeout.TotalSeconds:0.#} s";
        }
        finally
        {
            // Time spent after this, waiting on the pipeline's backpressure, is not silence.
            _watchdog.WaitingEnded();
        }

        return result.MessageType == WebSocketMessageType.Close
            ? $"server closed the connection ({_socket.CloseStatus} {_socket.CloseStatusDescription})"
            : null;
    }

    public Task SendAsync(byte[] command, CancellationToken cancellationToken) =>
        _socket.SendAsync(command, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _end.CancelAsync().ConfigureAwait(false);
        await _watching.ConfigureAwait(false);
        _end.Dispose();
        _socket.Dispose();
    }
}
