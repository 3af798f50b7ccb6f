namespace KalshiArb.Web.Hosting;

/// <summary>Which requests are API calls: they get status codes and ProblemDetails, never a redirect or an HTML page.</summary>
internal static class ApiPaths
{
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api");
}
