namespace KalshiArb.Tests.Feeds;

/// <summary>Polls a condition until it holds or a generous timeout passes; asserts nothing about speed.</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, string what, int timeoutSeconds = 10)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeoutSeconds} s waiting for: {what}");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
