using System.Collections.Concurrent;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// Fee terms per Kalshi series (from discovery or configuration). A series with no entry pays the standard
/// quadratic taker fee (multiplier 1, no waiver). On top of a series' terms, at a given time: the latest of its
/// scheduled changes that has taken effect (<c>GET /series/fee_changes</c>), then its event's override
/// (<c>event_fee_update</c>), each part of which replaces the series' part until cleared. Thread-safe.
/// </summary>
public sealed class FeeScheduleRegistry(MarketCatalog? catalog = null)
{
    private readonly ConcurrentDictionary<string, SeriesFeeSchedule> _bySeries = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ScheduledFeeChange[]> _scheduled = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, EventFeeOverrideChanged> _eventOverrides = new(StringComparer.OrdinalIgnoreCase);
    // The detector asks for a schedule at every pricing: a series' standard terms are made once, not per call.
    private readonly ConcurrentDictionary<string, SeriesFeeSchedule> _standard = new(StringComparer.OrdinalIgnoreCase);

    public void Upsert(SeriesFeeSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        _bySeries[schedule.SeriesTicker] = schedule;
    }

    public SeriesFeeSchedule ForSeries(string seriesTicker)
        => _bySeries.TryGetValue(seriesTicker, out SeriesFeeSchedule? schedule)
            ? schedule
            : _standard.GetOrAdd(seriesTicker, static series => new SeriesFeeSchedule(series));

    /// <summary>The schedule of the market's series: the catalog's series ticker, else the ticker's prefix before the first '-'.</summary>
    public SeriesFeeSchedule ForTicker(string kalshiTicker)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kalshiTicker);
        if (catalog?.GetMarket(kalshiTicker) is { SeriesTicker: { Length: > 0 } series })
        {
            return ForSeries(series);
        }

        // Looked up by the ticker's prefix in place, so pricing does not cut a string per call.
        ReadOnlySpan<char> prefix = PrefixSeries(kalshiTicker);
        return _bySeries.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(prefix, out SeriesFeeSchedule? known)
            || _standard.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(prefix, out known)
            ? known
            : ForSeries(prefix.ToString());
    }

    /// <summary>The terms a market's orders pay at <paramref name="at"/>: its series' schedule, scheduled changes in effect, its event's override.</summary>
    public SeriesFeeSchedule ForTicker(string kalshiTicker, DateTime at)
    {
        SeriesFeeSchedule schedule = ForTicker(kalshiTicker);
        if (_scheduled.TryGetValue(schedule.SeriesTicker, out ScheduledFeeChange[]? changes)
            && InEffect(changes, at) is { } inEffect)
        {
            schedule = schedule with { FeeType = inEffect.FeeType, Multiplier = inEffect.Multiplier };
        }

        if (!_eventOverrides.IsEmpty && _eventOverrides.TryGetValue(EventOf(kalshiTicker), out EventFeeOverrideChanged? eventOverride))
        {
            schedule = schedule with
            {
                FeeType = eventOverride.FeeType ?? schedule.FeeType,
                Multiplier = eventOverride.Multiplier ?? schedule.Multiplier,
            };
        }

        return schedule;
    }

    /// <summary>Replaces what is known of a series' scheduled fee changes.</summary>
    public void SetScheduledChanges(string seriesTicker, IEnumerable<ScheduledFeeChange> changes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(seriesTicker);
        ArgumentNullException.ThrowIfNull(changes);
        _scheduled[seriesTicker] = [.. changes.OrderBy(c => c.EffectiveAt)];
    }

    /// <summary>Sets an event's fee override, or removes it when both of its parts are cleared.</summary>
    public void ApplyEventOverride(EventFeeOverrideChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.FeeType is null && change.Multiplier is null)
        {
            _eventOverrides.TryRemove(change.EventTicker, out _);
        }
        else
        {
            _eventOverrides[change.EventTicker] = change;
        }
    }

    /// <summary>The market's event: the catalog's event ticker, else the ticker without its last '-' segment.</summary>
    public string EventOf(string kalshiTicker)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kalshiTicker);
        if (catalog?.GetMarket(kalshiTicker) is { EventTicker: { Length: > 0 } eventTicker })
        {
            return eventTicker;
        }

        int dash = kalshiTicker.LastIndexOf('-');
        return dash > 0 ? kalshiTicker[..dash] : kalshiTicker;
    }

    public string SeriesOf(string kalshiTicker)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kalshiTicker);
        if (catalog?.GetMarket(kalshiTicker) is { SeriesTicker: { Length: > 0 } series })
        {
            return series;
        }

        return PrefixSeries(kalshiTicker).ToString();
    }

    /// <summary>The ticker before its first '-' (the whole ticker when it has none).</summary>
    private static ReadOnlySpan<char> PrefixSeries(string kalshiTicker)
    {
        int dash = kalshiTicker.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 ? kalshiTicker.AsSpan(0, dash) : kalshiTicker;
    }

    /// <summary>The latest of <paramref name="changes"/> (ordered by time) in effect at <paramref name="at"/>; a loop, not a closure per call.</summary>
    private static ScheduledFeeChange? InEffect(ScheduledFeeChange[] changes, DateTime at)
    {
        for (int i = changes.Length - 1; i >= 0; i--)
        {
            if (changes[i].EffectiveAt <= at)
            {
                return changes[i];
            }
        }

        return null;
    }
}
