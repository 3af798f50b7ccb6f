using System.Globalization;
using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Simulator;

/// <summary>Simulators on a fixed clock, and a text form of events so sequences can be compared.</summary>
internal static class SimulatorTestKit
{
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 18, 0, 0, TimeSpan.Zero);

    public static MarketSimulator Create(int seed = 42, int eventsPerSecond = 200, int games = 12, FakeTimeProvider? time = null)
        => new(new SimulatorOptions { Seed = seed, EventsPerSecond = eventsPerSecond, Games = games }, time ?? new FakeTimeProvider(Start));

    /// <summary>The simulator's confirmed mappings in a registry, as the feed host loads them.</summary>
    public static MappingRegistry Mappings(MarketSimulator simulator)
    {
        var registry = new MappingRegistry();
        foreach (EventMapping mapping in simulator.Mappings)
        {
            registry.Upsert(mapping);
        }

        return registry;
    }

    public static string Describe(MarketEvent marketEvent) => marketEvent switch
    {
        BookSnapshot s => string.Create(CultureInfo.InvariantCulture, $"{s.Ticker} snap {s.Seq} yes[{Levels(s.YesBids)}] no[{Levels(s.NoBids)}] {s.ExchangeTs:O} {s.ReceivedAt:O}"),
        _ => marketEvent.ToString(),
    };

    private static string Levels(IReadOnlyList<BookLevel> levels) => string.Join(',', levels.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Price}x{l.Size}")));
}
