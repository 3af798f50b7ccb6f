using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Tests.Detection;

/// <summary>
/// The pricer keeps quote boards, per-slot facts and book walks between events. Over random event sequences
/// (quotes of books whose names differ only in case, an excluded and a zero-weight book, stale and mid-update
/// lines, book snapshots and deltas, ticks, remaps, time jumps) every mapping is priced after each event by the
/// long-lived pricer and by a pricer built from scratch on the same state, and the two answers must match digit for
/// digit (decimal scale included).
/// </summary>
public sealed class PricerCacheComparisonTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 18, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Books = ["BookA", "booka", "BookB", "BookC", "Excluded", "Zero"];
    private static readonly string[] Outcomes = ["Home", "Away", "Draw"];
    private static readonly string[] Events = ["g0", "g1", "g2"];
    private static readonly string[] Tickers = ["KX-G0-H", "KX-G0-A", "KX-G1-H", "KX-G1-A", "KX-G2-D"];

    [Fact]
    public void The_long_lived_pricer_answers_as_a_fresh_one_over_random_event_sequences()
    {
        int compared = 0;
        for (int seed = 1; seed <= 150; seed++)
        {
            compared += RunSequence(seed, events: 300);
        }

        // Most comparisons must be of priced mappings, not of blocked ones.
        Assert.True(compared > 150 * 300, $"only {compared} priced comparisons");
    }

    private static int RunSequence(int seed, int events)
    {
        var rng = new Random(seed);
        var options = new DetectionOptions
        {
            ExcludedBooks = ["excluded"],
            BookWeights = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase) { ["zero"] = 0m, ["BookB"] = 2m },
            MinEdgePct = rng.Next(3) == 0 ? 0m : 1m,
            MinProfitDollars = 0.05m,
        };
        var state = new MarketState();
        var mappings = new MappingRegistry();
        var fees = new FeeScheduleRegistry();
        for (int t = 0; t < Tickers.Length; t++)
        {
            mappings.Upsert(RandomMapping(rng, t, T0));
        }

        var pricer = new MappingPricer(state, mappings, fees, options);
        var warm = new MappingEvaluation();
        var scratch = new MappingEvaluation();
        DateTime now = T0;
        long[] seq = new long[Tickers.Length];
        int priced = 0;
        for (int i = 0; i < events; i++)
        {
            now += TimeSpan.FromSeconds(rng.Next(10) == 0 ? rng.Next(20, 120) : rng.NextDouble() * 3);
            if (rng.Next(25) == 0)
            {
                int t = rng.Next(Tickers.Length);
                mappings.Upsert(RandomMapping(rng, t, now));
            }
            else
            {
                state.Apply(RandomEvent(rng, now, seq));
            }

            foreach (string ticker in Tickers)
            {
                pricer.Price(ticker, now, warm);
                new MappingPricer(state, mappings, fees, options).Price(ticker, now, scratch);
                Assert.Equal(Describe(scratch), Describe(warm));
                priced += warm.Mapping is not null && warm.Board is not null ? 1 : 0;
            }
        }

        return priced;
    }

    private static EventMapping RandomMapping(Random rng, int ticker, DateTime at)
    {
        int game = ticker / 2;
        string outcome = ticker == 4 ? "Draw" : Outcomes[rng.Next(2)];
        return new EventMapping(
            Tickers[ticker], Events[rng.Next(4) == 0 ? rng.Next(Events.Length) : game], "soccer_epl", "h2h", outcome, rng.Next(4) == 0,
            true, true, "none", "none", "void", "void", SettlementEquivalence.Safe, true, null, at);
    }

    private static MarketEvent RandomEvent(Random rng, DateTime now, long[] seq)
    {
        int t = rng.Next(Tickers.Length);
        string ticker = Tickers[t];
        // A receive time a little in the past, now and then past the quote age limits.
        DateTime received = now - TimeSpan.FromSeconds(rng.Next(8) == 0 ? rng.Next(60, 200) : rng.NextDouble());
        switch (rng.Next(10))
        {
            case 0:
                seq[t] = 1;
                return new BookSnapshot(ticker, Levels(rng), Levels(rng), 1, received, received);
            case 1 or 2:
                return new BookDelta(ticker, rng.Next(2) == 0 ? Side.Yes : Side.No, Cents(rng, 1, 99), rng.Next(2) == 0 ? 40m : -40m, ++seq[t], received, received);
            case 3:
                decimal bid = Cents(rng, 1, 97);
                return new KalshiTick(ticker, bid, bid + 0.01m, 100m * rng.Next(0, 4), 150m, bid, 0m, 0m, received, received);
            default:
                string book = Books[rng.Next(Books.Length)];
                string outcome = Outcomes[rng.Next(rng.Next(3) == 0 ? 3 : 2)];
                decimal odds = Math.Round(1.05m + ((decimal)rng.NextDouble() * 4m), rng.Next(2, 5));
                int american = odds >= 2m ? (int)Math.Round((odds - 1m) * 100m) : (int)Math.Round(-100m / (odds - 1m));
                return new SportsbookQuote(
                    Events[rng.Next(Events.Length)], "soccer_epl", book, "h2h", outcome, null, american, odds, Math.Round(1m / odds, 6), 0.5m,
                    DevigMethod.Multiplicative, received, rng.Next(3) == 0 ? received - TimeSpan.FromMilliseconds(1) : received);
        }
    }

    private static BookLevel[] Levels(Random rng)
        => [.. Enumerable.Range(0, rng.Next(0, 4)).Select(_ => new BookLevel(Cents(rng, 1, 99), 20m * rng.Next(1, 20))).DistinctBy(l => l.Price)];

    private static decimal Cents(Random rng, int from, int to) => rng.Next(from, to + 1) / 100m;

    /// <summary>Everything a pass answers, decimals with their scale (ToString keeps trailing zeros).</summary>
    private static string Describe(MappingEvaluation evaluation)
    {
        var text = new System.Text.StringBuilder();
        text.Append(evaluation.Ticker).Append('|').Append(evaluation.HasConsensus).Append('|');
        text.AppendJoin(',', (evaluation.Board?.FreshBooks ?? new HashSet<string>()).Order(StringComparer.OrdinalIgnoreCase)).Append('|');
        foreach (OpportunityCandidate candidate in evaluation.Candidates)
        {
            text.Append(candidate.ToString()).Append(';');
        }

        foreach (Side side in new[] { Side.Yes, Side.No })
        {
            foreach (OpportunityKind kind in new[] { OpportunityKind.PositiveEv, OpportunityKind.HedgedArb })
            {
                foreach (string book in Books.Append(Detector.ConsensusBook))
                {
                    Opportunity gone = new(
                        "id", OpportunityState.Open, kind, evaluation.Ticker, "e", book, side, 0m, 0m, 0m, 0m, 0m, 0m, 0m, 0m, 0m,
                        SettlementEquivalence.Safe, T0, T0, T0, null, T0, null);
                    text.Append(evaluation.CloseReason(gone)).Append(';');
                }
            }
        }

        return text.ToString();
    }
}
