using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace KalshiArb.Web.Api;

/// <summary>
/// Input the framework could not bind (<c>days=abc</c>, <c>1e400</c> in a JSON number, a body that is not JSON, a
/// field the body type does not have, a missing anti-forgery token) is the caller's mistake: 400 ProblemDetails naming the field, never a 500. Anything else
/// falls through to the generic handler: 500 ProblemDetails without exception text.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        string field = FieldOf(bad);
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "The request is invalid.",
                Detail = $"'{field}' could not be read.",
                Extensions = { ["errors"] = new Dictionary<string, string[]> { [field] = [Describe(bad)] } },
            },
        });
    }

    /// <summary>The JSON path of a body property (<c>kalshiPrice</c>), else the parameter the framework names.</summary>
    private static string FieldOf(BadHttpRequestException bad) =>
        bad.InnerException is JsonException { Path: { Length: > 2 } path } ? path[2..]
        : ParameterName().Match(bad.Message) is { Success: true } m ? m.Groups[1].Value
        : "request";

    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException json when UnknownMember().IsMatch(json.Message) => "not a field of this request: unknown fields are refused (check the spelling).",
        JsonException => "not a valid value of its type (numbers must fit their type, text must be valid JSON).",
        _ when bad.Message.Contains("anti-forgery", StringComparison.OrdinalIgnoreCase) => "the form expired or did not come from this site; reload the page and try again.",
        _ => "not a valid value of its type.",
    };

    /// <summary>System.Text.Json's wording for a property with no member to bind to.</summary>
    [GeneratedRegex("could not be mapped to any \\.NET member")]
    private static partial Regex UnknownMember();

    [GeneratedRegex("parameter \"(?:[^\"]*\\s)?([A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex ParameterName();
}
