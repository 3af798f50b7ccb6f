using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace KalshiArb.Web.Hosting;

/// <summary>
/// ASP.NET Core rate limiting: login attempts per client (<see cref="Login"/>), API reads per client (global token
/// bucket on every <c>/api</c> GET), and history queries per client (<see cref="History"/>) and in total, so no client
/// can exhaust memory or the database pool. Refusals are 429 ProblemDetails with Retry-After.
/// </summary>
internal static class RateLimits
{
    public const string Login = "login";
    public const string History = "history";
    private const string HistoryTotalPartition = "history:all";

    public static IServiceCollection AddKalshiArbRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests",
                    detail: "This client sent too many requests; wait and try again.").ExecuteAsync(context.HttpContext);
            };
            options.AddPolicy(Login, context => RateLimitPartition.GetFixedWindowLimiter(ClientOf(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Settings(context).LoginAttemptsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
            options.AddPolicy(History, context => RateLimitPartition.GetConcurrencyLimiter(ClientOf(context), _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = Settings(context).HistoryQueriesPerClient,
                QueueLimit = 0,
            }));
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsApiRead(context)
                    ? RateLimitPartition.GetTokenBucketLimiter(ClientOf(context), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = Settings(context).ReadBurst,
                        TokensPerPeriod = Settings(context).ReadsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == History
                    ? RateLimitPartition.GetConcurrencyLimiter(HistoryTotalPartition, _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = Settings(context).HistoryQueriesTotal,
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("")));
        });
        return services;
    }

    /// <summary>The client's address (the proxy's client when the proxy is trusted, see <see cref="ProxyOptions"/>).</summary>
    private static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static bool IsApiRead(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) && context.Request.Path.StartsWithSegments("/api");

    private static RateLimitOptions Settings(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
}
