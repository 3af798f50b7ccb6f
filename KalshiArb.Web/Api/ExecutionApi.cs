using KalshiArb.Ingestion.Model;
using KalshiArb.Web.Services;

namespace KalshiArb.Web.Api;

/// <summary><c>GET /api/executions</c> and <c>POST /api/executions</c> (login required, JSON body: <see cref="ExecutionInput"/>).</summary>
public static class ExecutionApi
{
    public static RouteGroupBuilder MapExecutionApi(this RouteGroupBuilder api)
    {
        api.MapGet("/executions", async (int? days, ExecutionService executions, CancellationToken ct) =>
            days is < 1 or > 365
                ? ApiProblems.Field("days", "days must be between 1 and 365.")
                : Results.Ok(await executions.RecentAsync(days ?? 30, ct)));

        api.MapPost("/executions", async (ExecutionInput? input, HttpContext context, ExecutionService executions, CancellationToken ct) =>
        {
            if (input is null)
            {
                return ApiProblems.Field("body", "A JSON execution body is required.");
            }

            ExecutionResult result = await executions.LogAsync(input, context.User.Identity?.Name ?? "unknown", ct);
            return result.Execution is { } execution
                ? Results.Created($"/api/executions/{execution.ExecutionId}", execution)
                : ApiProblems.Invalid("The execution is invalid.", result.Errors);
        })
        // Only JSON is bound (a cross-site HTML form cannot send it) and the auth cookie is SameSite=Strict.
        .RequireAuthorization()
        .Produces<Execution>(StatusCodes.Status201Created);
        return api;
    }
}
