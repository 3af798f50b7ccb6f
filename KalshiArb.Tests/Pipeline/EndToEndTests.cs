using System.Globalization;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using StackExchange.Redis;

namespace KalshiArb.Tests.Pipeline;

/// <summary>
/// The simulator feeding the whole hosted pipeline (AddKalshiArbIngestion) into real stores: what was generated is what was
/// stored, counted per kind. A recording sink at the end of the sink list sees exactly what every store was handed.
/// </summary>
[Collection(QuestDbServerCollection.Name)]
public sealed class EndToEndTests(RedisFixture redis, QuestDbFixture questDb)
{
    private const int MinimumEvents = 10_000;

    [Fact]
    public async Task Simulator_to_pipeline_to_Redis_and_in_memory_history_stores_everything_generated()
    {
        redis.SkipIfUnavailable();
        string prefix = $"{redis.KeyPrefix}e2e:";
        var recording = new RecordingSink();
        IHost host = PipelineHost.Build(
            new Dictionary<string, string?>
            {
                ["Simulator:Enabled"] = "on",
                ["Simulator:EventsPerSecond"] = "20000",
                ["Simulator:Seed"] = "11",
                ["Redis:Mode"] = "On",
                ["Redis:ConnectionString"] = redis.ConnectionString,
                ["Redis:KeyPrefix"] = prefix,
            },
            services => services.AddSingleton<IPipelineSink>(recording));
        MarketSimulator simulator;
        try
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            simulator = host.Services.GetRequiredService<MarketSimulator>();

            await Poll.UntilAsync(() => recording.EventCount >= MinimumEvents, timeoutSeconds: 60, what: $"{MinimumEvents} events through the pipeline");
            await host.StopAsync(TestContext.Current.CancellationToken);

            // Stopped: the feeds first, then the consumer after draining the channel. Generated = written = handed on.
            MarketEventChannel channel = host.Services.GetRequiredService<MarketEventChannel>();
            Assert.Equal(simulator.Metrics.Messages, channel.Written);
            Assert.Equal(channel.Written, channel.Read);
            Assert.Equal(channel.Written, recording.EventCount);
            PipelineMetrics metrics = host.Services.GetRequiredService<PipelineMetrics>();
            Assert.Equal(0, metrics.SinkErrors);
            Assert.Equal(0, metrics.ProcessingErrors);

            Counts generated = Counts.Of(recording.Events);
            Assert.True(generated.Ticks > 0 && generated.Trades > 0 && generated.BookRows > 0 && generated.Quotes > 0);

            // The in-memory history keeps one latency sample per stored row: its counts are its row counts.
            IHistoryStore history = host.Services.GetRequiredService<IHistoryStore>();
            Assert.Equal("in-memory", history.Backend);
            var stored = (await history.GetLatencyAsync(DateTime.MinValue, DateTime.MaxValue, TestContext.Current.CancellationToken)).ToDictionary(s => s.Stage, s => s.Samples);
            Assert.Equal(generated.Ticks, stored["kalshi_ticks"]);
            Assert.Equal(generated.Trades, stored["kalshi_trades"]);
            Assert.Equal(generated.BookRows, stored["kalshi_orderbook"]);
            Assert.Equal(generated.Quotes, stored["sportsbook_odds"]);
        }
        finally
        {
            // Disposing runs the Redis cache's final flush.
            await ((IAsyncDisposable)host).DisposeAsync();
        }

        // Redis: a hash per simulated market holding its last tick, and one per event, book and market type.
        IDatabase db = redis.Connection!.GetDatabase();
        Dictionary<string, KalshiTick> lastTicks = recording.Events.OfType<KalshiTick>().GroupBy(t => t.Ticker).ToDictionary(g => g.Key, g => g.Last());
        Assert.Equal(simulator.Markets.Select(m => m.Ticker).Order(StringComparer.Ordinal), lastTicks.Keys.Order(StringComparer.Ordinal));
        foreach ((string ticker, KalshiTick tick) in lastTicks)
        {
            RedisValue yesBid = await db.HashGetAsync($"{prefix}kalshi:m:{ticker}", "yes_bid");
            Assert.True(yesBid.HasValue, $"no kalshi:m:{ticker}");
            Assert.Equal(tick.YesBid, decimal.Parse(yesBid.ToString(), CultureInfo.InvariantCulture));
        }

        foreach (SportsEvent game in simulator.Events)
        {
            foreach (string book in simulator.Books)
            {
                Assert.True(await db.KeyExistsAsync($"{prefix}odds:{game.EventId}:{book}:h2h"), $"no odds key for {game.EventId} at {book}");
            }
        }

        var server = redis.Connection.GetServer(redis.Connection.GetEndPoints()[0]);
        int keys = 0;
        await foreach (RedisKey key in server.KeysAsync(pattern: prefix + "*"))
        {
            keys++;
        }

        // 24 markets + 12 events x 4 books, nothing else.
        Assert.Equal(simulator.Markets.Count + (simulator.Events.Count * simulator.Books.Count), keys);
    }

    [Fact]
    [Trait("Category", "QuestDb")]
    public async Task Simulator_to_pipeline_to_QuestDB_stores_every_row_generated()
    {
        questDb.SkipIfUnavailable();
        string tablePrefix = questDb.NewTablePrefix();
        string spool = Directory.CreateTempSubdirectory("kalshiarb-e2e-spool-").FullName;
        var recording = new RecordingSink();
        IHost host = PipelineHost.Build(
            new Dictionary<string, string?>
            {
                ["Simulator:Enabled"] = "on",
                ["Simulator:EventsPerSecond"] = "5000",
                ["QuestDb:Mode"] = "On",
                ["QuestDb:HttpUrl"] = questDb.HttpUrl,
                ["QuestDb:PgConnectionString"] = questDb.PgConnectionString,
                ["QuestDb:TablePrefix"] = tablePrefix,
                ["QuestDb:SpoolDirectory"] = spool,
                ["QuestDb:AutoFlushInterval"] = "00:00:00.050",
            },
            services => services.AddSingleton<IPipelineSink>(recording));
        try
        {
            await using (var _ = (IAsyncDisposable)host)
            {
                await host.StartAsync(TestContext.Current.CancellationToken);
                Assert.Equal("questdb", host.Services.GetRequiredService<IHistoryStore>().Backend);
                await Poll.UntilAsync(() => recording.EventCount >= MinimumEvents, timeoutSeconds: 60, what: $"{MinimumEvents} events through the pipeline");
                await host.StopAsync(TestContext.Current.CancellationToken);
            }

            // Disposed: the writer flushed. WAL apply is asynchronous, so poll until the counts settle on the expected ones.
            Counts generated = Counts.Of(recording.Events);
            var sql = new QuestDbSql(tablePrefix);
            await using NpgsqlDataSource data = NpgsqlDataSource.Create(questDb.PgConnectionString);
            var expected = new Dictionary<string, long>
            {
                ["kalshi_ticks"] = generated.Ticks,
                ["kalshi_trades"] = generated.Trades,
                ["kalshi_orderbook"] = generated.BookRows,
                ["sportsbook_odds"] = generated.Quotes,
            };
            var actual = new Dictionary<string, long>();
            await Poll.WithinAsync(
                async () =>
                {
                    foreach (string table in expected.Keys)
                    {
                        await using NpgsqlCommand count = data.CreateCommand(sql.ForTable(QuestDbSql.CountRows, table));
                        actual[table] = Convert.ToInt64(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken), CultureInfo.InvariantCulture);
                    }

                    return expected.All(e => actual[e.Key] == e.Value);
                },
                TimeSpan.FromSeconds(60),
                TestContext.Current.CancellationToken);

            Assert.Equal(expected, actual);
        }
        finally
        {
            Directory.Delete(spool, recursive: true);
        }
    }

    /// <summary>
    /// Rows each kind of event becomes in storage: a book snapshot is one row per level. Ticks count once per
    /// DEDUP key (ts to the microsecond, ticker): the simulator may re-send one market's top of book twice in the same
    /// microsecond, and QuestDB keeps the latest of those by design.
    /// </summary>
    private sealed record Counts(long Ticks, long Trades, long BookRows, long Quotes)
    {
        public static Counts Of(IEnumerable<MarketEvent> events)
        {
            long trades = 0, bookRows = 0, quotes = 0;
            var tickKeys = new HashSet<(long Micros, string Ticker)>();
            foreach (MarketEvent e in events)
            {
                switch (e)
                {
                    case KalshiTick t: tickKeys.Add((t.ExchangeTs.Ticks / 10, t.Ticker)); break;
                    case KalshiTrade: trades++; break;
                    case BookDelta: bookRows++; break;
                    case BookSnapshot s: bookRows += s.YesBids.Count + s.NoBids.Count; break;
                    case SportsbookQuote: quotes++; break;
                }
            }

            return new Counts(tickKeys.Count, trades, bookRows, quotes);
        }
    }
}
