using Microsoft.Playwright;

namespace KalshiArb.Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright (its own browser download does not work here), launched alike by every browser test.</summary>
internal static class HeadlessChromium
{
    private const string ExecutablePath = "/usr/bin/chromium";

    public static void SkipUnlessInstalled() =>
        Assert.SkipUnless(File.Exists(ExecutablePath), "install Debian's chromium (apt-get install chromium) to run the browser test");

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
}
