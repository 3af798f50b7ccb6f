using System.Threading.Channels;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Tests.Feeds;

/// <summary>Drains a feed's channel in the background and lets a test wait, with a generous timeout, for what it expects.</summary>
internal sealed class EventCollector : IAsyncDisposable
{
    private readonly List<MarketEvent> _events = [];
    private readonly Task _draining;
    private readonly CancellationTokenSource _stop = new();

    public EventCollector(ChannelReader<MarketEvent> reader)
    {
        _draining = Task.Run(async () =>
        {
            try
            {
                await foreach (MarketEvent marketEvent in reader.ReadAllAsync(_stop.Token))
                {
                    lock (_events)
                    {
                        _events.Add(marketEvent);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Test over.
            }
        });
    }

    public IReadOnlyList<MarketEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<T> OfType<T>() => Events.OfType<T>().ToList();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _draining;
        _stop.Dispose();
    }
}
