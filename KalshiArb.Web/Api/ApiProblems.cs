using Microsoft.AspNetCore.Http.HttpResults;

namespace KalshiArb.Web.Api;

/// <summary>Every API error is an RFC 9457 ProblemDetails (application/problem+json); validation names each field at fault.</summary>
internal static class ApiProblems
{
    /// <summary>400 with one message for one field (query parameter or body property).</summary>
    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is invalid.");

    /// <summary>400 with a message per field.</summary>
    public static ValidationProblem Invalid(string title, IReadOnlyDictionary<string, string> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }, StringComparer.Ordinal), title: title);

    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}
