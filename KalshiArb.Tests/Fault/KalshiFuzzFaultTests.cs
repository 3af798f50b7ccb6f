using System.Text;
using KalshiArb.Ingestion.Feeds.Kalshi;
using KalshiArb.Ingestion.Model;
using KalshiArb.Tests.Feeds;

using KalshiArb.Tests.Infrastructure;

namespace KalshiArb.Tests.Fault;

/// <summary>
/// 10,000 seeded random and malformed Kalshi messages through the parser and through the client over a real socket,
/// and byte-level damage (invalid UTF-8) through the parser. Nothing throws, every message is either accepted or counted as bad,
/// and nothing accepted carries a price outside [0, 1].
/// </summary>
[Trait("Category", "Fault")]
public sealed class KalshiFuzzFaultTests
{
    private const int Count = 10_000;
    private const int Seed = 20261130;

    [Fact]
    public void Parser_survives_10000_fuzzed_messages_and_accounts_for_every_one()
    {
        var fuzzer = new FeedFuzzer(Seed, KalshiFeedHarness.Ticker, orderBookSid: 2, tickerSid: 3);
        (int bad, int accepted, List<string> escaped) = ParseAll(fuzzer.Messages(Count).Select(Encoding.UTF8.GetBytes).ToList());

        Assert.True(escaped.Count == 0, $"{escaped.Count} exceptions escaped the parser, e.g.\n{string.Join("\n", escaped.Take(5))}");
        Assert.Equal(Count, bad + accepted);

        // The mix must exercise both paths, or the fuzzer is not doing its job.
        Assert.InRange(bad, Count / 10, Count - (Count / 10));
    }

    /// <summary>Bytes that are not UTF-8 (flipped bits, a cut multi-byte sequence) must be rejected like any other bad message.</summary>
    [Fact]
    public void Parser_rejects_byte_damaged_messages_without_throwing()
    {
        const int damaged = 2_000;
        var fuzzer = new FeedFuzzer(Seed + 1, KalshiFeedHarness.Ticker, orderBookSid: 2, tickerSid: 3);
        (int bad, int accepted, List<string> escaped) = ParseAll(fuzzer.Messages(damaged).Select(fuzzer.RawBytes).ToList());

        Assert.True(escaped.Count == 0, $"{escaped.Count} exceptions escaped the parser, e.g.\n{string.Join("\n", escaped.Take(5))}");
        Assert.Equal(damaged, bad + accepted);
    }

    private static (int Bad, int Accepted, List<string> Escaped) ParseAll(List<byte[]> messages)
    {
        var escaped = new List<string>();
        int bad = 0, accepted = 0;
        DateTime receivedAt = new(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < messages.Count; i++)
        {
            KalshiParsedMessage parsed;
            try
            {
                parsed = KalshiMessageParser.Parse(messages[i], receivedAt);
            }
            catch (Exception ex)
            {
                string? site = ex.StackTrace?.Split('\n').FirstOrDefault(f => f.Contains("KalshiMessageParser", StringComparison.Ordinal))?.Trim();
                escaped.Add($"#{i} {ex.GetType().Name} {site}: {ex.Message}");
                continue;
            }

            if (parsed.Kind is KalshiMessageKind.Malformed or KalshiMessageKind.Unknown)
            {
                bad++;
                Assert.False(string.IsNullOrWhiteSpace(parsed.Detail), $"message #{i} was rejected without a reason");
                Assert.Empty(parsed.Events);
            }
            else
            {
                accepted++;
                Assert.All(parsed.Events, e => AssertInRange(e, i));
            }
        }

        return (bad, accepted, escaped);
    }

    [Fact]
    public async Task Client_survives_10000_fuzzed_messages_over_a_socket_and_counts_every_bad_one()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync();
        await feed.SubscribedAsync();
        var fuzzer = new FeedFuzzer(Seed, KalshiFeedHarness.Ticker, feed.OrderBookSid, feed.Server.SidByChannel["ticker"]);
        DateTime now = DateTime.UtcNow;

        // What the client must make of each message, from the parser's verdict. Server acknowledgements and errors
        // change the session (resubscribe), so the few a mutation might produce are not sent.
        long expectedBad = 0, expectedUnknown = 0, expectedEvents = 0, sent = 0;
        foreach (string message in fuzzer.Messages(Count))
        {
            KalshiParsedMessage parsed = KalshiMessageParser.Parse(Encoding.UTF8.GetBytes(message), now, limits: HistoricalSamples.Limits);
            if (parsed.Kind is KalshiMessageKind.Subscribed or KalshiMessageKind.Error)
            {
                continue;
            }

            switch (parsed.Kind)
            {
                case KalshiMessageKind.Malformed:
                    expectedBad++;
                    break;
                case KalshiMessageKind.Unknown:
                    expectedUnknown++; // a type the client does not know: counted apart, not a parse error
                    break;
                case KalshiMessageKind.Data when parsed.IsOrderBook && parsed.Sid is null:
                    expectedBad++; // an order-book message must name its subscription
                    break;
                case KalshiMessageKind.Data:
                    expectedEvents += parsed.Events.Count;
                    break;
            }

            await feed.Server.SendAsync(message);
            sent++;
        }

        Assert.True(sent >= Count * 0.99, $"only {sent} of {Count} messages were sendable");
        await Poll.UntilAsync(
            () => feed.Client.Metrics.ParseErrors + feed.Client.Metrics.UnknownMessages + feed.Client.Metrics.Messages >= expectedBad + expectedUnknown + expectedEvents,
            "the client has read every message",
            timeoutSeconds: 60);
        Assert.Equal(expectedBad, feed.Client.Metrics.ParseErrors);
        Assert.Equal(expectedUnknown, feed.Client.Metrics.UnknownMessages);
        Assert.Equal(expectedEvents, feed.Client.Metrics.Messages);
        Assert.Equal(0, feed.Client.Metrics.Reconnects);
        Assert.True(feed.Client.Metrics.Connected);
        Assert.False(feed.Run.IsCompleted);
        Assert.All(feed.Events.Events, e => AssertInRange(e, -1));
    }

    private static void AssertInRange(MarketEvent marketEvent, int index)
    {
        static bool Price(decimal? p) => p is null or >= 0m and <= 1m;
        bool ok = marketEvent switch
        {
            KalshiTick t => Price(t.YesBid) && Price(t.YesAsk) && Price(t.LastPrice),
            KalshiTrade t => Price(t.YesPrice) && Price(t.NoPrice) && t.Count >= 0m,
            BookSnapshot s => s.YesBids.Concat(s.NoBids).All(l => Price(l.Price) && l.Size >= 0m),
            BookDelta d => Price(d.Price),
            _ => true,
        };
        Assert.True(ok, $"message #{index} was accepted with a value out of range: {marketEvent}");
    }
}
