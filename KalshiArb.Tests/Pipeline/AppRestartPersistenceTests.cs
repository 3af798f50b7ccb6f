using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KalshiArb.Tests.Pipeline;

/// <summary>
/// The hosted application is stopped and started again on the same QuestDB tables: the opportunities it detected,
/// and the executions, settlements and mapping edits recorded before, are read back from QuestDB by the new instance
/// (and the edited mapping is live in its registry again).
/// </summary>
[Trait("Category", "QuestDb")]
[Collection(QuestDbServerCollection.Name)]
public sealed class AppRestartPersistenceTests(QuestDbFixture questDb)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Opportunities_executions_settlements_and_mappings_survive_a_restart()
    {
        questDb.SkipIfUnavailable();
        CancellationToken ct = TestContext.Current.CancellationToken;
        string tablePrefix = questDb.NewTablePrefix();
        string spool = Directory.CreateTempSubdirectory("kalshiarb-restart-spool-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["QuestDb:Mode"] = "On",
            ["QuestDb:HttpUrl"] = questDb.HttpUrl,
            ["QuestDb:PgConnectionString"] = questDb.PgConnectionString,
            ["QuestDb:TablePrefix"] = tablePrefix,
            ["QuestDb:SpoolDirectory"] = spool,
            ["QuestDb:AutoFlushInterval"] = "00:00:00.050",
        };
        var recording = new RecordingSink();
        DateTime at = DateTime.UtcNow;
        Execution[] executions;
        Settlement[] settlements;
        EventMapping edited;
        try
        {
            var first = new Dictionary<string, string?>(settings)
            {
                ["Simulator:Enabled"] = "on",
                ["Simulator:EventsPerSecond"] = "2000",
                ["Simulator:Seed"] = "5",
                ["Simulator:DislocationEverySeconds"] = "0.5",
            };
            IHost before = PipelineHost.Build(first, services => services.AddSingleton<IPipelineSink>(recording));
            await using (var _ = (IAsyncDisposable)before)
            {
                await before.StartAsync(ct);
                await Poll.UntilAsync(() => recording.Opportunities.Count >= 3, "three opportunity transitions", timeoutSeconds: 60);
                IHistoryStore history = before.Services.GetRequiredService<IHistoryStore>();
                Opportunity opened = recording.Opportunities[0];
                executions =
                [
                    new Execution("x-1", opened.OpportunityId, opened.KalshiTicker, opened.Side, 0.45m, 0.46m, 10m, 0.18m, "ord-1", null, null, null, null, null, null, null, at),
                    new Execution("x-2", null, opened.KalshiTicker, Side.No, 0.30m, 0.30m, 2m, 0.03m, null, "fanduel", "evt", "Lakers", 1.9m, 1.91m, 5m, 120, at.AddSeconds(1)),
                ];
                settlements =
                [
                    new Settlement(opened.KalshiTicker, SettlementResult.No, "kalshi", at),
                    new Settlement(opened.KalshiTicker, SettlementResult.Yes, "manual", at.AddSeconds(1)), // a correction: latest wins
                ];
                EventMapping generated = before.Services.GetRequiredService<MappingRegistry>().ForTicker(opened.KalshiTicker)!;
                edited = generated with { Equivalence = SettlementEquivalence.Caution, Note = "checked by hand", UpdatedAt = at };
                foreach (Execution execution in executions)
                {
                    await history.RecordExecutionAsync(execution, ct);
                }

                foreach (Settlement settlement in settlements)
                {
                    await history.RecordSettlementAsync(settlement, ct);
                }

                await history.RecordMappingAsync(edited, ct);
                await before.StopAsync(ct);
            }

            IReadOnlyList<Opportunity> detected = recording.Opportunities;
            IHost after = PipelineHost.Build(settings);
            await using (var _ = (IAsyncDisposable)after)
            {
                await after.StartAsync(ct);
                var store = (QuestDbHistoryStore)after.Services.GetRequiredService<IHistoryStore>();
                await store.WaitForWalAppliedAsync(Patience, ct);
                DateTime from = detected.Min(o => o.Ts).AddMinutes(-1), to = DateTime.UtcNow.AddMinutes(1);

                IReadOnlyList<Opportunity> opportunities = await store.GetOpportunitiesAsync(from, to, null, ct);
                // QuestDB keeps timestamps to the microsecond and money as DOUBLE: compare ids and times at that
                // resolution (DEDUP keeps one of two transitions in the same microsecond), amounts to 1e-9 of a dollar.
                Assert.Equal(detected.Select(Key).Distinct().Order().ToArray(), opportunities.Select(Key).Order().ToArray());
                foreach (Opportunity stored in opportunities)
                {
                    Opportunity original = detected.Last(o => Key(o) == Key(stored)); // DEDUP UPSERT: the last write wins
                    Assert.Equal((double)original.Profit, (double)stored.Profit, 9);
                    Assert.Equal((double)original.EdgePct, (double)stored.EdgePct, 9);
                    Assert.Equal((double)original.KalshiPrice, (double)stored.KalshiPrice, 9);
                }

                Assert.Equal(executions.Select(Micro).ToArray(), (await store.GetExecutionsAsync(from, to, ct)).ToArray());
                IReadOnlyList<Settlement> latest = await store.GetSettlementsAsync(ct);
                Assert.Contains(Micro(settlements[1]), latest);
                Assert.DoesNotContain(Micro(settlements[0]), latest);
                Assert.Contains(Micro(edited), await store.GetMappingsAsync(ct));
                // The new instance loaded the stored edit over the simulator's default.
                await Poll.UntilAsync(() => after.Services.GetRequiredService<MappingRegistry>().ForTicker(edited.KalshiTicker)?.Note == "checked by hand", "the stored mapping loaded at start");
                await after.StopAsync(ct);
            }
        }
        finally
        {
            Directory.Delete(spool, recursive: true);
        }
    }

    private static string Key(Opportunity o) => $"{o.OpportunityId}|{o.State}|{o.KalshiTicker}|{Truncate(o.Ts):O}";

    private static DateTime Truncate(DateTime t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);

    private static Execution Micro(Execution e) => e with { Ts = Truncate(e.Ts) };

    private static Settlement Micro(Settlement s) => s with { Ts = Truncate(s.Ts) };

    private static EventMapping Micro(EventMapping m) => m with { UpdatedAt = Truncate(m.UpdatedAt) };
}
