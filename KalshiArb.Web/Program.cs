using KalshiArb.Web;
using KalshiArb.Web.Auth;
using KalshiArb.Web.Hosting;

if (args is [HashPasswordCommand.Name, var password])
{
    return HashPasswordCommand.Run(password, Console.Out, Console.Error);
}

if (args is [HealthCheckCommand.Name, .. var healthUrl])
{
    return await HealthCheckCommand.RunAsync(healthUrl.FirstOrDefault(), Console.Out);
}

var builder = WebApplication.CreateBuilder(args);
// MudBlazor's and the app's static web assets from their build locations under `dotnet run` in any environment
// (the default run is Production); a published app has no manifest and serves them from wwwroot.
builder.WebHost.UseStaticWebAssets();
builder.Services.AddKalshiArb(builder.Configuration, builder.Environment);

var app = builder.Build();
app.UseKalshiArb();
app.Run();
return 0;

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
