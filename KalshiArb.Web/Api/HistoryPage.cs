namespace KalshiArb.Web.Api;

/// <summary>
/// A streamed page of a history read: <see cref="Items"/> is written to the response as rows arrive (never the whole
/// range in memory), then <see cref="Next"/>, the cursor of the following page or null on the last one. The store is
/// asked for one row more than the page holds: that row only tells there is more.
/// </summary>
internal sealed class HistoryPage<T>(IAsyncEnumerable<T> rowsPlusOne, int limit, HistoryCursor start, Func<T, DateTime> tsOf)
{
    private bool _more;
    private DateTime _lastTs = start.Ts;
    private int _sentAtLastTs = start.Skip;

    /// <summary>Serialized first (property order), so <see cref="Next"/> is known when it is written.</summary>
    public IAsyncEnumerable<T> Items => ReadAsync();

    public string? Next => _more ? new HistoryCursor(_lastTs, _sentAtLastTs).Encode() : null;

    private async IAsyncEnumerable<T> ReadAsync()
    {
        int sent = 0;
        await foreach (T row in rowsPlusOne)
        {
            if (sent == limit)
            {
                _more = true;
                yield break;
            }

            DateTime ts = tsOf(row);
            _sentAtLastTs = ts == _lastTs ? _sentAtLastTs + 1 : 1;
            _lastTs = ts;
            sent++;
            yield return row;
        }
    }
}
