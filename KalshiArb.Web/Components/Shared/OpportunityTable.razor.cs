using System.Globalization;
using KalshiArb.Ingestion.Model;
using KalshiArb.Web.Live;
using KalshiArb.Web.Services;
using Microsoft.AspNetCore.Components;

namespace KalshiArb.Web.Components.Shared;

/// <summary>
/// Open opportunities, live: seeded once from the detector, then rendered from what every coalesced batch carries (at
/// most about 10 renders a second); a one-second clock only ages the quotes and fades closed rows between batches.
/// </summary>
public sealed partial class OpportunityTable : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly TimeSpan Clock = TimeSpan.FromSeconds(1);

    private readonly OpportunityBoard _board = new();
    private IDisposable? _subscription;
    private ITimer? _timer;
    private DateTime _now;
    private string _sortKey = OpportunityColumns.Edge;
    private bool _descending = true;
    private string? _sport;
    private string? _book;
    private decimal? _minEdge;

    [Inject]
    private LiveBatchStream Stream { get; set; } = default!;

    [Inject]
    private IMarketReader Market { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    /// <summary>Raised (on the renderer) with the opportunities a batch newly opened, before the filters apply.</summary>
    [Parameter]
    public EventCallback<IReadOnlyList<Opportunity>> OnOpened { get; set; }

    private List<LiveOpportunityRow> VisibleRows { get; set; } = [];

    /// <summary>Why the table is empty and what would fill it.</summary>
    private string EmptyText => _board.Rows.Count > 0
        ? $"None of the {_board.Rows.Count} open opportunities match the filters: clear the sport, book or minimum edge to see them."
        : "No open opportunities right now. One appears here when a Kalshi ask beats the sportsbooks' devigged fair price by at least the minimum edge after fees, on a confirmed mapping.";

    private IEnumerable<string> Sports => _board.Rows.Select(r => SportOf(r.Opportunity.KalshiTicker)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private IEnumerable<string> Books => _board.Rows.Select(r => r.Opportunity.Book).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    public void Dispose()
    {
        _subscription?.Dispose();
        _timer?.Dispose();
    }

    protected override void OnInitialized()
    {
        _now = Time.GetUtcNow().UtcDateTime;
        // Subscribe before taking the snapshot, so no transition falls between the two.
        _subscription = Stream.Subscribe(OnBatch);
        _board.Seed(Market.OpenOpportunities);
        Recompute();
        _timer = Time.CreateTimer(_ => InvokeAsync(OnClock), null, Clock, Clock);
    }

    private void OnBatch(LiveBatch batch)
    {
        if (batch.Opportunities.Count == 0)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            _now = Time.GetUtcNow().UtcDateTime;
            IReadOnlyList<Opportunity> opened = _board.Apply(batch.Opportunities, _now);
            Recompute();
            StateHasChanged();
            if (opened.Count > 0 && OnOpened.HasDelegate)
            {
                await OnOpened.InvokeAsync(opened);
            }
        });
    }

    private void OnClock()
    {
        _now = Time.GetUtcNow().UtcDateTime;
        _board.Prune(_now);
        Recompute();
        StateHasChanged();
    }

    private void Recompute()
    {
        var filter = new OpportunityFilter(_sport, _book, _minEdge);
        VisibleRows = [.. OpportunityColumns.Sort(_board.Rows.Where(r => OpportunityColumns.Matches(r.Opportunity, filter, SportOf(r.Opportunity.KalshiTicker))), _sortKey, _descending)];
    }

    private string SportOf(string ticker) => Market.GetMapping(ticker)?.SportKey ?? "unmapped";

    private void SortBy(string key)
    {
        _descending = key == _sortKey ? !_descending : key != OpportunityColumns.Market;
        _sortKey = key;
        Recompute();
    }

    private string SortMark(string key) => key != _sortKey ? "" : _descending ? "▼" : "▲";

    private void SetSport(string? sport)
    {
        _sport = sport;
        Recompute();
    }

    private void SetBook(string? book)
    {
        _book = book;
        Recompute();
    }

    private void SetMinEdge(decimal? minEdge)
    {
        _minEdge = minEdge;
        Recompute();
    }

    /// <summary>
    /// How the fee behind the profit is estimated: the L2 book does not show how many resting orders make up a level,
    /// and each is its own fill with its own rounding, so every contract is priced as its own fill (the dearest case).
    /// </summary>
    internal static string FeeDetail(Opportunity o)
        => $"Kalshi fee {Money.Format(o.Fee)} at most, fee rounding included: the order book does not show how many resting orders make up a level (each is its own fill, each fee rounded up to $0.0001), so every contract is priced as its own fill; the real charge can only be lower.";
}
