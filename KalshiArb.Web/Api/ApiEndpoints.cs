namespace KalshiArb.Web.Api;

/// <summary>Maps the REST API under <c>/api</c> (documented in docs/api.md).</summary>
internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapKalshiArbApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api");
        api.MapOpportunityApi();
        api.MapMarketApi();
        api.MapExecutionApi();
        api.MapSettlementApi();
        api.MapPnlApi();
        api.MapHealthApi();
        return app;
    }
}
