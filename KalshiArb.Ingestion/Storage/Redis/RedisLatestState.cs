using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Storage.Redis;

/// <summary>
/// The hot cache's latest value per Redis key between flushes: one slot per Kalshi market (by ticker) and per
/// sportsbook market (event, book, market type), holding references to the newest events, never strings. A slot
/// is created the first time its key is seen; after that a staged event only swaps a reference and, once per
/// flush, puts the slot on the dirty list, so the sink thread allocates nothing. Keys and fields are formatted at
/// flush time (<see cref="RedisHashFields"/>).
/// </summary>
internal sealed class RedisLatestState
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, MarketSlot> _markets = new(StringComparer.Ordinal);
    private readonly Dictionary<(string EventId, string Book, string MarketType), OddsSlot> _odds = [];
    private List<Slot> _dirty = [];
    private List<Slot> _spare = [];

    public int KeyCount
    {
        get
        {
            lock (_gate)
            {
                return _markets.Count + _odds.Count;
            }
        }
    }

    public void Stage(KalshiTick tick)
    {
        lock (_gate)
        {
            if (!_markets.TryGetValue(tick.Ticker, out MarketSlot? slot))
            {
                slot = new MarketSlot(tick.Ticker);
                _markets.Add(tick.Ticker, slot);
            }

            slot.Latest = tick;
            MarkDirty(slot);
        }
    }

    public void Stage(SportsbookQuote quote)
    {
        lock (_gate)
        {
            if (!_odds.TryGetValue((quote.EventId, quote.Book, quote.MarketType), out OddsSlot? slot))
            {
                slot = new OddsSlot(quote.EventId, quote.Book, quote.MarketType);
                _odds.Add((quote.EventId, quote.Book, quote.MarketType), slot);
            }

            slot.Outcomes[quote.Outcome] = quote;
            slot.Last = quote;
            MarkDirty(slot);
        }
    }

    /// <summary>
    /// Moves the dirty slots into <paramref name="writes"/> (cleared first) with snapshots of their latest values, so
    /// the caller formats them without the lock. The dirty lists are swapped, not reallocated.
    /// </summary>
    public void TakeDirty(List<StagedWrite> writes)
    {
        writes.Clear();
        lock (_gate)
        {
            (_dirty, _spare) = (_spare, _dirty);
            foreach (Slot slot in _spare)
            {
                slot.Dirty = false;
                writes.Add(slot is MarketSlot market
                    ? new StagedWrite(slot, market.Latest, null, null)
                    // A copy of the outcomes made at flush time, not per event.
                    : new StagedWrite(slot, null, [.. ((OddsSlot)slot).Outcomes.Values], ((OddsSlot)slot).Last));
            }

            _spare.Clear();
        }
    }

    /// <summary>Writes that failed are sent again at the next flush, with whatever is latest by then.</summary>
    public void MarkDirty(List<StagedWrite> writes)
    {
        lock (_gate)
        {
            foreach (StagedWrite write in writes)
            {
                MarkDirty(write.Slot);
            }
        }
    }

    /// <summary>After a reconnection: Redis may have lost anything, so every key is written again.</summary>
    public void MarkAllDirty()
    {
        lock (_gate)
        {
            foreach (MarketSlot slot in _markets.Values)
            {
                MarkDirty(slot);
            }

            foreach (OddsSlot slot in _odds.Values)
            {
                MarkDirty(slot);
            }
        }
    }

    private void MarkDirty(Slot slot)
    {
        if (!slot.Dirty)
        {
            slot.Dirty = true;
            _dirty.Add(slot);
        }
    }

    /// <summary>One Redis key; its key string is built on its first flush and kept.</summary>
    internal abstract class Slot
    {
        public bool Dirty { get; set; }

        public string? Key { get; set; }

        public abstract string KeyIn(RedisKeys keys);
    }

    internal sealed class MarketSlot(string ticker) : Slot
    {
        public string Ticker { get; } = ticker;

        public KalshiTick? Latest { get; set; }

        public override string KeyIn(RedisKeys keys) => keys.KalshiMarket(Ticker);
    }

    internal sealed class OddsSlot(string eventId, string book, string marketType) : Slot
    {
        public string EventId { get; } = eventId;

        public string Book { get; } = book;

        public string MarketType { get; } = marketType;

        public Dictionary<string, SportsbookQuote> Outcomes { get; } = new(StringComparer.Ordinal);

        /// <summary>The quote staged last: its times are the hash's updated_at and received_at.</summary>
        public SportsbookQuote? Last { get; set; }

        public override string KeyIn(RedisKeys keys) => keys.Odds(EventId, Book, MarketType);
    }

    /// <summary>A dirty key at flush time: a Kalshi market's latest tick, or a sportsbook market's latest quote per outcome.</summary>
    internal readonly record struct StagedWrite(Slot Slot, KalshiTick? Tick, SportsbookQuote[]? Quotes, SportsbookQuote? Last);
}
