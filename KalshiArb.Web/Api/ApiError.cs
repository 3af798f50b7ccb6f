namespace KalshiArb.Web.Api;

/// <summary>The body of every 400 answer: a message and, for validation, the message per field.</summary>
public sealed record ApiError(string Message, IReadOnlyDictionary<string, string>? Errors = null);
