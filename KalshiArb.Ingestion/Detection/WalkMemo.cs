using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// The last book walk of one ticker, side and opportunity kind. A walk is a pure function of the ask ladder, the
/// price it is judged against (fair probability or hedge odds), the thresholds and member type, the fee schedule and whether that
/// schedule's waiver is in force; while all are the same (the ladder as the same source and version, decimals digit for digit)
/// its fill is reused, so a tick or a quote that leaves them unchanged does not re-walk the book.
/// </summary>
internal sealed class WalkMemo
{
    private object? _source;
    private long _version;
    private decimal _against;
    private decimal _maxContracts;
    private decimal _minEdgePct;
    private KalshiMemberType _member;
    private SeriesFeeSchedule? _schedule;
    private bool _waived;
    private WalkFill? _fill;

    public bool TryGet(object source, long version, decimal against, DetectionOptions options, SeriesFeeSchedule schedule, bool waived, out WalkFill? fill)
    {
        fill = _fill;
        return ReferenceEquals(source, _source)
            && version == _version
            && Identical(against, _against)
            && Identical(options.MaxContracts, _maxContracts)
            && Identical(options.MinEdgePct, _minEdgePct)
            && options.MemberType == _member
            && waived == _waived
            && _schedule is not null
            && (ReferenceEquals(schedule, _schedule) || (schedule == _schedule && schedule.Multiplier.Scale == _schedule.Multiplier.Scale));
    }

    public void Set(object source, long version, decimal against, DetectionOptions options, SeriesFeeSchedule schedule, bool waived, WalkFill? fill)
    {
        _source = source;
        _version = version;
        _against = against;
        _maxContracts = options.MaxContracts;
        _minEdgePct = options.MinEdgePct;
        _member = options.MemberType;
        _schedule = schedule;
        _waived = waived;
        _fill = fill;
    }

    private static bool Identical(decimal x, decimal y) => x == y && x.Scale == y.Scale;
}
