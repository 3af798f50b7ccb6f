using KalshiArb.Tests.Infrastructure;
using KalshiArb.Web.Hosting;

namespace KalshiArb.Tests.Web;

/// <summary>The container HEALTHCHECK (<c>dotnet KalshiArb.Web.dll healthcheck URL</c>) against the app served on a real socket.</summary>
public sealed class HealthCheckCommandTests
{
    [Fact]
    public async Task Exits_0_while_the_app_answers_its_health_endpoint_and_1_otherwise()
    {
        int port = FreePort.Next();
        await using var factory = new DashboardFactory();
        factory.UseKestrel(port);
        factory.StartServer();
        var output = new StringWriter();

        int healthy = await HealthCheckCommand.RunAsync($"http://127.0.0.1:{port}/api/health", output);
        int missing = await HealthCheckCommand.RunAsync($"http://127.0.0.1:{port}/api/no-such-endpoint", output);
        int closed = await HealthCheckCommand.RunAsync($"http://127.0.0.1:{FreePort.Next()}/api/health", output);

        Assert.Equal((0, 1, 1), (healthy, missing, closed));
        Assert.StartsWith("200", output.ToString(), StringComparison.Ordinal);
    }
}
