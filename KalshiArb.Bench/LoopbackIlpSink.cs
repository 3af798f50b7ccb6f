using System.Net;
using System.Net.Sockets;

namespace KalshiArb.Bench;

/// <summary>
/// An in-process HTTP listener on loopback standing in for QuestDB's <c>/write</c>: reads each body, counts its
/// rows (line feeds) and answers 204. What it costs is the transport and HTTP, not a database.
/// </summary>
internal sealed class LoopbackIlpSink : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private long _rows;
    private long _requests;

    public LoopbackIlpSink()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(RunAsync);
    }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    public long Rows => Interlocked.Read(ref _rows);

    public long Requests => Interlocked.Read(ref _requests);

    private async Task RunAsync()
    {
        byte[] buffer = new byte[1 << 20];
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            long rows = 0;
            Stream body = context.Request.InputStream;
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                rows += buffer.AsSpan(0, read).Count((byte)'\n');
            }

            Interlocked.Add(ref _rows, rows);
            Interlocked.Increment(ref _requests);
            context.Response.StatusCode = context.Request.Url?.AbsolutePath == "/write" ? 204 : 404;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Close alone: after Stop, Close unregisters the prefix again, which on Linux re-binds the port and throws
        // "address in use" when another socket has taken it meanwhile.
        _listener.Close();
        await _loop;
    }
}
