namespace KalshiArb.Tests.Pipeline;

/// <summary>Waits for an asynchronous effect by polling, with a generous deadline instead of a fixed sleep.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, double timeoutSeconds = 10, string? what = null)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {timeoutSeconds} s waiting for {what ?? "the condition"}");
            }

            await Task.Delay(10);
        }
    }
}
