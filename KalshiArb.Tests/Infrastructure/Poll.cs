namespace KalshiArb.Tests.Infrastructure;

/// <summary>Waits for an asynchronous effect by polling, with a generous deadline instead of a fixed sleep; asserts nothing about speed.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, string? what = null, double timeoutSeconds = 10)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {timeoutSeconds} s waiting for {what ?? "the condition"}");
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
