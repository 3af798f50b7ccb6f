using Microsoft.AspNetCore.Http.HttpResults;

namespace KalshiArb.Web.Api;

/// <summary>
/// The page asked for by <c>limit</c> and <c>after</c> on a paged history endpoint: at most <see cref="MaxPageSize"/>
/// rows per response (<see cref="DefaultPageSize"/> when not given), resuming at the previous page's cursor.
/// </summary>
internal readonly record struct PageRequest(HistoryCursor Cursor, int Size)
{
    public const int DefaultPageSize = 500;
    public const int MaxPageSize = 1000;

    /// <summary>Timestamps outside this span are typing mistakes or probes (year 1, year 9999), not history.</summary>
    public static readonly DateTime Earliest = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Latest = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// The page starting at <paramref name="start"/>, or at the cursor <paramref name="after"/>, which must lie in
    /// [<paramref name="start"/>, <paramref name="end"/>); otherwise a 400 ProblemDetails naming the field.
    /// </summary>
    public static (PageRequest Page, ValidationProblem? Problem) Read(int? limit, string? after, DateTime start, DateTime end)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            return (default, ApiProblems.Field("limit", $"limit must be between 1 and {MaxPageSize}."));
        }

        HistoryCursor cursor = new(start, 0);
        if (after is not null)
        {
            if (HistoryCursor.TryDecode(after) is not { } decoded || decoded.Ts < start || decoded.Ts >= end)
            {
                return (default, ApiProblems.Field("after", "after must be the 'next' value of the previous page of this range."));
            }

            cursor = decoded;
        }

        return (new PageRequest(cursor, limit ?? DefaultPageSize), null);
    }
}
