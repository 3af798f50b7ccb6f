namespace KalshiArb.Tests.Web;

/// <summary>Waits for an asynchronous effect by polling, with a generous timeout (never a fixed sleep).</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("condition not met before the timeout");
            }

            await Task.Delay(20);
        }
    }
}
