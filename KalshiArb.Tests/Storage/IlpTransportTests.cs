using System.Net;
using System.Net.Sockets;
using System.Text;
using KalshiArb.Ingestion.Storage.Ilp;
using KalshiArb.Ingestion.Storage.QuestDb;

namespace KalshiArb.Tests.Storage;

public sealed class IlpTransportTests
{
    private static readonly byte[] TwoRows = Encoding.UTF8.GetBytes("t,s=a v=1i 1000\nt,s=b v=2i 2000\n");

    [Fact]
    public async Task Http_posts_the_batch_to_write_with_nanosecond_precision()
    {
        await using var server = new FakeIlpHttpServer();
        await using var transport = new IlpHttpTransport(server.BaseUri, TimeSpan.FromSeconds(5));

        IlpSendResult result = await transport.SendAsync(TwoRows, TestContext.Current.CancellationToken);

        Assert.Equal(IlpSendStatus.Accepted, result.Status);
        Assert.Equal("t,s=a v=1i 1000\nt,s=b v=2i 2000\n", Assert.Single(server.Bodies));
        Assert.Equal("/write?precision=n", Assert.Single(server.Paths));
    }

    [Fact]
    public async Task Http_400_is_a_rejection_carrying_QuestDBs_message_and_line()
    {
        await using var server = new FakeIlpHttpServer
        {
            Respond = _ => (400, """{"code":"invalid","message":"cast error from protocol type: FLOAT to column type: SYMBOL","line":2,"errorId":"9f1a-01"}"""),
        };
        await using var transport = new IlpHttpTransport(server.BaseUri, TimeSpan.FromSeconds(5));

        IlpSendResult result = await transport.SendAsync(TwoRows, TestContext.Current.CancellationToken);

        Assert.Equal(IlpSendStatus.Rejected, result.Status);
        Assert.Equal(2, result.LineNumber);
        Assert.Equal("invalid: cast error from protocol type: FLOAT to column type: SYMBOL (errorId 9f1a-01)", result.Error);
    }

    [Fact]
    public async Task Http_server_errors_and_refused_connections_are_retriable()
    {
        await using var server = new FakeIlpHttpServer { Respond = _ => (503, "busy") };
        await using var transport = new IlpHttpTransport(server.BaseUri, TimeSpan.FromSeconds(5));
        Assert.Equal(IlpSendStatus.Retriable, (await transport.SendAsync(TwoRows, TestContext.Current.CancellationToken)).Status);

        int closedPort = FreePort.Next();
        await using var nowhere = new IlpHttpTransport(new Uri($"http://127.0.0.1:{closedPort}"), TimeSpan.FromSeconds(5));
        IlpSendResult result = await nowhere.SendAsync(TwoRows, TestContext.Current.CancellationToken);
        Assert.Equal(IlpSendStatus.Retriable, result.Status);
        Assert.Contains("unreachable", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_carries_the_credentials_of_the_connection_string_on_every_request()
    {
        // base64("admin:quest") = YWRtaW46cXVlc3Q= (see IlpClientConfigTests).
        await using var server = new FakeIlpHttpServer { RequiredAuthorization = "Basic YWRtaW46cXVlc3Q=" };
        var options = new QuestDbOptions { IlpConnectionString = $"http::addr=127.0.0.1:{server.Port};username=admin;password=quest;" };
        await using IIlpTransport transport = options.CreateTransport();

        Assert.Equal(IlpSendStatus.Accepted, (await transport.SendAsync(TwoRows, TestContext.Current.CancellationToken)).Status);
        Assert.Equal(IlpSendStatus.Accepted, (await transport.SendAsync(TwoRows, TestContext.Current.CancellationToken)).Status);

        Assert.Equal(["Basic YWRtaW46cXVlc3Q=", "Basic YWRtaW46cXVlc3Q="], server.Authorizations);
    }

    [Fact]
    public async Task Http_sends_a_token_as_a_bearer()
    {
        await using var server = new FakeIlpHttpServer { RequiredAuthorization = "Bearer tok-123" };
        var options = new QuestDbOptions { IlpConnectionString = $"http::addr=127.0.0.1:{server.Port};token=tok-123;" };
        await using IIlpTransport transport = options.CreateTransport();

        Assert.Equal(IlpSendStatus.Accepted, (await transport.SendAsync(TwoRows, TestContext.Current.CancellationToken)).Status);
    }

    [Theory]
    [InlineData(401, "refused the credentials (none were sent)")]
    [InlineData(403, "refused the credentials (none were sent)")]
    [InlineData(404, "/write is not QuestDB's ILP endpoint")]
    [InlineData(405, "/write is not QuestDB's ILP endpoint")]
    public async Task Http_auth_and_address_errors_are_configuration_errors_not_rejections_or_retries(int status, string expected)
    {
        await using var server = new FakeIlpHttpServer { Respond = _ => (status, "") };
        await using var transport = new IlpHttpTransport(server.BaseUri, TimeSpan.FromSeconds(5));

        IlpSendResult result = await transport.SendAsync(TwoRows, TestContext.Current.CancellationToken);

        Assert.Equal(IlpSendStatus.Misconfigured, result.Status);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains($"HTTP {status}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_credentials_are_a_configuration_error_that_names_the_scheme_not_the_secret()
    {
        await using var server = new FakeIlpHttpServer { RequiredAuthorization = "Basic YWRtaW46cXVlc3Q=" };
        var options = new QuestDbOptions { IlpConnectionString = $"http::addr=127.0.0.1:{server.Port};username=admin;password=wrong-s3cret;" };
        await using IIlpTransport transport = options.CreateTransport();

        IlpSendResult result = await transport.SendAsync(TwoRows, TestContext.Current.CancellationToken);

        Assert.Equal(IlpSendStatus.Misconfigured, result.Status);
        Assert.Contains("basic auth", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_that_is_not_json_is_still_reported()
    {
        IlpSendResult result = IlpHttpTransport.ParseRejection("<html>bad</html>", 400);
        Assert.Equal(IlpSendStatus.Rejected, result.Status);
        Assert.Equal("HTTP 400: <html>bad</html>", result.Error);
        Assert.Null(result.LineNumber);
    }
}
