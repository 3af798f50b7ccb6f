using System.Net;
using System.Text;
using KalshiArb.Tests.Infrastructure;

namespace KalshiArb.Tests.Storage;

/// <summary>
/// A loopback HTTP server standing in for QuestDB's /write: records every body and Authorization header and answers as
/// told. With <see cref="RequiredAuthorization"/> set it answers 401 to any request without exactly that header, as
/// QuestDB does with HTTP authentication enabled.
/// </summary>
public sealed class FakeIlpHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly List<string> _bodies = [];
    private readonly List<string> _paths = [];
    private readonly List<string?> _authorizations = [];

    public FakeIlpHttpServer()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(RunAsync);
    }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    /// <summary>Decides the answer to a body: status code and response text. Default: 204.</summary>
    public Func<string, (int Status, string Body)> Respond { get; set; } = _ => (204, "");

    /// <summary>The Authorization header value ("Basic ...", "Bearer ...") a request must carry; null: none required.</summary>
    public string? RequiredAuthorization { get; set; }

    public IReadOnlyList<string?> Authorizations
    {
        get
        {
            lock (_bodies)
            {
                return _authorizations.ToList();
            }
        }
    }

    public IReadOnlyList<string> Bodies
    {
        get
        {
            lock (_bodies)
            {
                return _bodies.ToList();
            }
        }
    }

    public IReadOnlyList<string> Paths
    {
        get
        {
            lock (_bodies)
            {
                return _paths.ToList();
            }
        }
    }

    /// <summary>Every accepted line (answered 2xx), in arrival order.</summary>
    public List<string> AcceptedLines { get; } = [];

    private async Task RunAsync()
    {
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

            string body;
            try
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                body = await reader.ReadToEndAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The client gave up while sending (a writer being stopped) or the server is closing: nothing arrived.
                continue;
            }

            string? authorization = context.Request.Headers["Authorization"];
            (int status, string answer) = RequiredAuthorization is { } required && authorization != required
                ? (401, "")
                : Respond(body);
            lock (_bodies)
            {
                _bodies.Add(body);
                _paths.Add(context.Request.RawUrl ?? "");
                _authorizations.Add(authorization);
                if (status is >= 200 and < 300)
                {
                    AcceptedLines.AddRange(body.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                }
            }

            try
            {
                context.Response.StatusCode = status;
                byte[] bytes = Encoding.UTF8.GetBytes(answer);
                if (bytes.Length > 0)
                {
                    context.Response.ContentType = "application/json";
                    await context.Response.OutputStream.WriteAsync(bytes);
                }

                context.Response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The client gave up on this request (a writer being stopped): serve the next one.
            }
        }
    }

    public List<string> SnapshotAccepted()
    {
        lock (_bodies)
        {
            return AcceptedLines.ToList();
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
