using System.Diagnostics;

namespace KalshiArb.Testing;

/// <summary>
/// Waits for an asynchronous effect by polling, with a generous deadline instead of a fixed sleep; it asserts nothing
/// about speed. A missed deadline throws <see cref="TimeoutException"/> naming what was awaited, which fails a test.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(10);

    // Slow reads (a query, an HTTP call) are not repeated back to back; quick effects are still seen within 10 ms.
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(100);

    // No token: the deadline bounds the wait, and a test's analyzers would otherwise ask every call for one.
    public static Task UntilAsync(Func<bool> condition, string? what = null, double timeoutSeconds = 10) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeoutSeconds);

    public static async Task UntilAsync(Func<Task<bool>> condition, string? what = null, double timeoutSeconds = 10)
    {
        if (!await WithinAsync(condition, TimeSpan.FromSeconds(timeoutSeconds)))
        {
            throw new TimeoutException($"timed out after {timeoutSeconds} s waiting for {what ?? "the condition"}");
        }
    }

    /// <summary>Reads until <paramref name="done"/> holds and returns that read; a missed deadline names the last value read.</summary>
    public static async Task<T> ForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, double timeoutSeconds = 10, CancellationToken ct = default)
    {
        (bool met, T last) = await ReadAsync(read, done, TimeSpan.FromSeconds(timeoutSeconds), ct);
        return met ? last : throw new TimeoutException($"timed out after {timeoutSeconds} s waiting for {what}; last read: {last}");
    }

    /// <summary>False when <paramref name="timeout"/> passes first, for callers that report a miss their own way.</summary>
    public static async Task<bool> WithinAsync(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken ct = default) =>
        (await ReadAsync(condition, met => met, timeout, ct)).Met;

    private static async Task<(bool Met, T Last)> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, CancellationToken ct)
    {
        long started = Stopwatch.GetTimestamp();
        TimeSpan pause = FirstPause;
        while (true)
        {
            T value = await read();
            if (done(value))
            {
                return (true, value);
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                return (false, value);
            }

            await Task.Delay(pause, ct);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }
}
