using System.Globalization;
using KalshiArb.Ingestion.Model;
using StackExchange.Redis;

namespace KalshiArb.Ingestion.Storage.Redis;

/// <summary>
/// The hash fields of the hot cache's keys (docs/storage.md), formatted at flush time: prices and probabilities as
/// invariant decimal text, times as ISO-8601 UTC. An unknown value is a field to delete, so a stale price never lingers.
/// </summary>
internal static class RedisHashFields
{
    /// <summary><c>kalshi:m:{ticker}</c>: yes_bid, yes_ask, no_bid, no_ask, volume, updated_at, received_at.</summary>
    public static (HashEntry[] Set, RedisValue[] Cleared) Market(KalshiTick tick)
    {
        var set = new List<HashEntry>(7);
        var cleared = new List<RedisValue>(4);
        SetOrClear(set, cleared, "yes_bid", tick.YesBid);
        SetOrClear(set, cleared, "yes_ask", tick.YesAsk);
        SetOrClear(set, cleared, "no_bid", tick.NoBid);
        SetOrClear(set, cleared, "no_ask", tick.NoAsk);
        set.Add(new HashEntry("volume", Text(tick.Volume)));
        set.Add(new HashEntry("updated_at", Text(tick.ExchangeTs)));
        set.Add(new HashEntry("received_at", Text(tick.ReceivedAt)));
        return ([.. set], [.. cleared]);
    }

    /// <summary>
    /// <c>odds:{event}:{book}:{market}</c>: <c>{outcome}:american</c>, <c>:decimal</c>, <c>:implied_prob</c>,
    /// <c>:fair_prob</c>, <c>:point</c> per outcome, and updated_at, received_at of the quote staged last.
    /// </summary>
    public static (HashEntry[] Set, RedisValue[] Cleared) Odds(IReadOnlyList<SportsbookQuote> outcomes, SportsbookQuote last)
    {
        var set = new List<HashEntry>((outcomes.Count * 5) + 2);
        var cleared = new List<RedisValue>();
        foreach (SportsbookQuote quote in outcomes)
        {
            set.Add(new HashEntry($"{quote.Outcome}:american", quote.American.ToString(CultureInfo.InvariantCulture)));
            set.Add(new HashEntry($"{quote.Outcome}:decimal", Text(quote.DecimalOdds)));
            set.Add(new HashEntry($"{quote.Outcome}:implied_prob", Text(quote.ImpliedProb)));
            set.Add(new HashEntry($"{quote.Outcome}:fair_prob", Text(quote.FairProb)));
            SetOrClear(set, cleared, $"{quote.Outcome}:point", quote.Point);
        }

        set.Add(new HashEntry("updated_at", Text(last.ExchangeTs)));
        set.Add(new HashEntry("received_at", Text(last.ReceivedAt)));
        return ([.. set], [.. cleared]);
    }

    private static void SetOrClear(List<HashEntry> set, List<RedisValue> cleared, string name, decimal? value)
    {
        if (value is { } v)
        {
            set.Add(new HashEntry(name, Text(v)));
        }
        else
        {
            cleared.Add(name);
        }
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);
}
