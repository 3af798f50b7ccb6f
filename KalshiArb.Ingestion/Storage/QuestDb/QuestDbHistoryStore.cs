using System.Data.Common;
using Dapper;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using KalshiArb.Ingestion.Storage.Ilp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>
/// History in QuestDB: every market event and opportunity transition goes through the ILP writer (batched, spooled
/// while QuestDB is away); executions, settlements and mappings are written at once and awaited, so the user learns
/// whether they were stored (or are safe in the spool). Reads go over PGWire with Npgsql + Dapper, using only the
/// statements in <see cref="QuestDbSql"/>, always with parameters.
/// </summary>
public sealed partial class QuestDbHistoryStore : IHistoryStore, IHealthSource, IAsyncDisposable
{
    private const double SpoolWarnFraction = 0.8;
    private static readonly TimeSpan StartupWalWait = TimeSpan.FromSeconds(15);

    private readonly IlpWriter _writer;
    private readonly NpgsqlDataSource _dataSource;
    private readonly QuestDbSql _sql;
    private readonly QuestDbTables _tables;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly bool _ownsDataSource;
    private long _latencySeq;
    private long _skippedEvents;

    static QuestDbHistoryStore()
    {
        // QuestDB columns are snake_case; the read shapes use PascalCase.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    public QuestDbHistoryStore(IlpWriter writer, NpgsqlDataSource dataSource, QuestDbSql sql, TimeProvider time, ILogger<QuestDbHistoryStore>? logger = null, bool ownsDataSource = false)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _sql = sql ?? throw new ArgumentNullException(nameof(sql));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger<QuestDbHistoryStore>.Instance;
        _ownsDataSource = ownsDataSource;
        _tables = new QuestDbTables(sql);
        _writer.BatchAcknowledged = RecordWriteLatency;
    }

    /// <summary>Creates the schema, the spool, the configured transport and the writer: the store the application runs on.</summary>
    public static async Task<QuestDbHistoryStore> CreateAsync(QuestDbOptions options, TimeProvider time, ILoggerFactory? loggerFactory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        loggerFactory ??= NullLoggerFactory.Instance;
        var sql = new QuestDbSql(options.TablePrefix);
        NpgsqlDataSource dataSource = NpgsqlDataSource.Create(options.PgConnectionString);
        try
        {
            await QuestDbSchema.EnsureCreatedAsync(dataSource, sql, options.TtlDays, ct);
            var spool = new IlpSpool(options.SpoolDirectory, options.SpoolMaxBytes);
            var writer = new IlpWriter(options.CreateTransport(), spool, options.ToWriterOptions(), time, loggerFactory.CreateLogger<IlpWriter>());
            var store = new QuestDbHistoryStore(writer, dataSource, sql, time, loggerFactory.CreateLogger<QuestDbHistoryStore>(), ownsDataSource: true);
            await store.WaitForStartupWalAsync(ct);
            return store;
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }

    public string Backend => "questdb";

    public IlpWriter Writer => _writer;

    public UnreadableRows Unreadable { get; } = new();

    /// <summary>Events that could not be encoded (invalid text, NaN): logged and counted, never half-written.</summary>
    public long SkippedEvents => Interlocked.Read(ref _skippedEvents);

    public void OnMarketEvent(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        try
        {
            switch (marketEvent)
            {
                case KalshiTick tick:
                    _writer.Write((_tables, tick), QuestDbRows.Tick, tick.ReceivedAt);
                    break;
                case KalshiTrade trade:
                    _writer.Write((_tables, trade), QuestDbRows.Trade, trade.ReceivedAt);
                    break;
                case BookDelta delta:
                    _writer.Write((_tables, delta), QuestDbRows.Delta, delta.ReceivedAt);
                    break;
                case BookSnapshot snapshot:
                    _writer.Write((_tables, snapshot), QuestDbRows.Snapshot, snapshot.ReceivedAt);
                    break;
                case SportsbookQuote quote:
                    _writer.Write((_tables, quote), QuestDbRows.Quote, quote.ReceivedAt);
                    break;
                case MarketStatusChanged status:
                    _writer.Write((_tables, status), QuestDbRows.Status, status.ReceivedAt);
                    break;
                case BookIntegrityChanged integrity:
                    _writer.Write((_tables, integrity), QuestDbRows.Integrity, integrity.ReceivedAt);
                    break;
                case MarketCloseTimeChanged or EventFeeOverrideChanged:
                    // Held in memory by market state and the fee registry; not history.
                    break;
                default:
                    Skip(marketEvent.GetType().Name, "no table for this event type");
                    break;
            }
        }
        catch (IlpFormatException ex)
        {
            Skip(marketEvent.GetType().Name, ex.Message);
        }
    }

    public void OnOpportunity(Opportunity opportunity)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        try
        {
            _writer.Write((_tables, opportunity), QuestDbRows.Opportunity);
        }
        catch (IlpFormatException ex)
        {
            Skip(nameof(Opportunity), ex.Message);
        }
    }

    public Task RecordExecutionAsync(Execution execution, CancellationToken ct) =>
        WriteNowAsync((_tables, execution), QuestDbRows.Execution, "execution", ct);

    public Task RecordSettlementAsync(Settlement settlement, CancellationToken ct) =>
        WriteNowAsync((_tables, settlement), QuestDbRows.Settlement, "settlement", ct);

    public Task RecordMappingAsync(EventMapping mapping, CancellationToken ct) =>
        WriteNowAsync((_tables, mapping), QuestDbRows.Mapping, "mapping", ct);

    public async Task<IReadOnlyList<QuoteBar>> GetQuoteBarsAsync(string ticker, DateTime from, DateTime to, TimeSpan bucket, CancellationToken ct) =>
        await QueryBarsAsync(QuestDbSql.QuoteBars, ticker, from, to, bucket, ct);

    /// <summary>As <see cref="GetQuoteBarsAsync"/> with empty buckets filled (prices carried forward, zero ticks) for continuous charts.</summary>
    public async Task<IReadOnlyList<QuoteBar>> GetQuoteBarsFilledAsync(string ticker, DateTime from, DateTime to, TimeSpan bucket, CancellationToken ct) =>
        await QueryBarsAsync(QuestDbSql.QuoteBarsFilled, ticker, from, to, bucket, ct);

    public async Task<IReadOnlyList<FairProbPoint>> GetFairProbSeriesAsync(string eventId, string marketType, string outcome, DateTime from, DateTime to, TimeSpan bucket, CancellationToken ct)
    {
        IEnumerable<FairProbRow> rows = await QueryAsync<FairProbRow>(
            _sql.Sampled(QuestDbSql.FairProbSeries, bucket),
            new { eventId, marketType, outcome, from = Utc(from), to = Utc(to) },
            ct);
        return Readable(rows.Where(r => r.FairProb is not null), UnreadableRows.FairProbSeries, r => new FairProbPoint(Utc(r.Ts), (decimal)r.FairProb!.Value, (int)r.Books));
    }

    public async Task<IReadOnlyList<Opportunity>> GetOpportunitiesAsync(DateTime from, DateTime to, string? ticker, CancellationToken ct)
    {
        IEnumerable<OpportunityRow> rows = ticker is null
            ? await QueryAsync<OpportunityRow>(_sql.Render(QuestDbSql.OpportunitiesInRange), new { from = Utc(from), to = Utc(to) }, ct)
            : await QueryAsync<OpportunityRow>(_sql.Render(QuestDbSql.OpportunitiesInRangeForTicker), new { ticker, from = Utc(from), to = Utc(to) }, ct);
        return Readable(rows, UnreadableRows.Opportunities, ToOpportunity);
    }

    /// <summary>Paged in SQL and read one row at a time: rows go out as they arrive, and cancelling (the client left) stops the read.</summary>
    public async IAsyncEnumerable<Opportunity> StreamOpportunitiesAsync(
        DateTime from, DateTime to, string? ticker, int skip, int take, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string sql = _sql.Paged(ticker is null ? QuestDbSql.OpportunitiesPage : QuestDbSql.OpportunitiesPageForTicker, skip, take);
        object parameters = ticker is null ? new { from = Utc(from), to = Utc(to) } : new { ticker, from = Utc(from), to = Utc(to) };
        await foreach (Opportunity opportunity in ReadableStream(StreamAsync<OpportunityRow>(sql, parameters, ct), UnreadableRows.OpportunitiesPage, ToOpportunity))
        {
            yield return opportunity;
        }
    }

    public async Task<IReadOnlyList<Execution>> GetExecutionsAsync(DateTime from, DateTime to, CancellationToken ct)
    {
        IEnumerable<ExecutionRow> rows = await QueryAsync<ExecutionRow>(_sql.Render(QuestDbSql.ExecutionsInRange), new { from = Utc(from), to = Utc(to) }, ct);
        return Readable(rows, UnreadableRows.Executions, ToExecution);
    }

    /// <summary>Paged in SQL and read unbuffered: the request's token cancels the query when the client goes away.</summary>
    public async IAsyncEnumerable<Execution> StreamExecutionsAsync(
        DateTime from, DateTime to, int skip, int take, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string sql = _sql.Paged(QuestDbSql.ExecutionsPage, skip, take);
        await foreach (Execution execution in ReadableStream(StreamAsync<ExecutionRow>(sql, new { from = Utc(from), to = Utc(to) }, ct), UnreadableRows.ExecutionsPage, ToExecution))
        {
            yield return execution;
        }
    }

    /// <summary>
    /// Rows as the server sends them, one at a time; a cancelled token stops the read at the next row. Npgsql honours
    /// the token only while it waits on the socket, so rows already buffered kept coming: against QuestDB a read
    /// cancelled after 10 rows went on to all 50,000 (through Dapper's unbuffered enumerable too). What is left of the
    /// page is then drained by the reader, at most the page size (<see cref="QuestDbSql.Paged"/>).
    /// </summary>
    private async IAsyncEnumerable<TRow> StreamAsync<TRow>(string sql, object parameters, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(ct);
        await using DbDataReader reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: ct));
        Func<DbDataReader, TRow> parse = reader.GetRowParser<TRow>();
        while (await reader.ReadAsync(ct))
        {
            ct.ThrowIfCancellationRequested();
            yield return parse(reader);
        }
    }

    private static Execution ToExecution(ExecutionRow r) => new(
        r.ExecutionId,
        r.OpportunityId,
        r.KalshiTicker,
        StorageCodes.ParseSide(r.Side),
        (decimal)r.PlannedPrice,
        (decimal)r.KalshiPrice,
        (decimal)r.Quantity,
        (decimal)r.KalshiFee,
        r.KalshiOrderId,
        r.HedgeBook,
        r.HedgeEvent,
        r.HedgeOutcome,
        (decimal?)r.PlannedHedgeOdds,
        (decimal?)r.HedgeOdds,
        (decimal?)r.HedgeStake,
        r.LegGapMs,
        Utc(r.Ts));

    public async Task<IReadOnlyList<Settlement>> GetSettlementsAsync(CancellationToken ct)
    {
        IEnumerable<SettlementRow> rows = await QueryAsync<SettlementRow>(_sql.Render(QuestDbSql.LatestSettlements), null, ct);
        return Readable(rows, UnreadableRows.Settlements, ToSettlement).OrderBy(s => s.Ts).ThenBy(s => s.Ticker, StringComparer.Ordinal).ToList();
    }

    /// <summary>Paged in SQL and read unbuffered, as <see cref="StreamExecutionsAsync"/>.</summary>
    public async IAsyncEnumerable<Settlement> StreamSettlementsAsync(
        DateTime from, int skip, int take, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string sql = _sql.Paged(QuestDbSql.SettlementsPage, skip, take);
        await foreach (Settlement settlement in ReadableStream(StreamAsync<SettlementRow>(sql, new { from = Utc(from) }, ct), UnreadableRows.SettlementsPage, ToSettlement))
        {
            yield return settlement;
        }
    }

    private static Settlement ToSettlement(SettlementRow r) => new(r.Ticker, StorageCodes.ParseResult(r.Result), r.Source, Utc(r.Ts));

    public async Task<IReadOnlyList<EventMapping>> GetMappingsAsync(CancellationToken ct)
    {
        IEnumerable<MappingRow> rows = await QueryAsync<MappingRow>(_sql.Render(QuestDbSql.LatestMappings), null, ct);
        return Readable(rows, UnreadableRows.Mappings, r => new EventMapping(
            r.KalshiTicker,
            r.EventId,
            r.Sport,
            r.MarketType,
            r.Outcome,
            r.Inverted,
            r.KalshiIncludesOvertime,
            r.BookIncludesOvertime,
            r.KalshiTieRule,
            r.BookTieRule,
            r.KalshiVoidRule,
            r.BookVoidRule,
            StorageCodes.ParseEquivalence(r.Equivalence),
            r.Confirmed,
            r.Note,
            Utc(r.Ts),
            (decimal?)r.Point)).OrderBy(m => m.KalshiTicker, StringComparer.Ordinal).ToList();
    }

    /// <summary>Stages with at least one sample; percentiles in milliseconds.</summary>
    public async Task<IReadOnlyList<StageLatency>> GetLatencyAsync(DateTime from, DateTime to, CancellationToken ct)
    {
        IEnumerable<LatencyRow> rows = await QueryAsync<LatencyRow>(_sql.Render(QuestDbSql.LatencyPercentiles), new { from = Utc(from), to = Utc(to) }, ct);
        return rows.Where(r => r.Samples > 0)
            .Select(r => new StageLatency(r.Stage, (r.P50 ?? 0) / 1000, (r.P90 ?? 0) / 1000, (r.P99 ?? 0) / 1000, r.Samples))
            .ToList();
    }

    /// <summary>Latest Kalshi quote per market among rows since <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<KalshiTick>> GetLatestKalshiQuotesAsync(DateTime since, CancellationToken ct)
    {
        IEnumerable<KalshiQuoteRow> rows = await QueryAsync<KalshiQuoteRow>(_sql.Render(QuestDbSql.LatestKalshiQuotes), new { since = Utc(since) }, ct);
        return Readable(rows, UnreadableRows.LatestKalshiQuotes, ToKalshiTick).OrderBy(t => t.Ticker, StringComparer.Ordinal).ToList();
    }

    /// <summary>Latest sportsbook quote per event, book, market and outcome among rows since <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<SportsbookQuote>> GetLatestSportsbookQuotesAsync(DateTime since, CancellationToken ct)
    {
        IEnumerable<SportsbookQuoteRow> rows = await QueryAsync<SportsbookQuoteRow>(_sql.Render(QuestDbSql.LatestSportsbookQuotes), new { since = Utc(since) }, ct);
        return Readable(rows, UnreadableRows.LatestSportsbookQuotes, ToSportsbookQuote);
    }

    /// <summary>The SQL cross-check of the detector's +EV verdicts (see <see cref="QuestDbSql.PositiveEvAudit"/>).</summary>
    public async Task<IReadOnlyList<PositiveEvAuditRow>> GetPositiveEvAuditAsync(DateTime since, CancellationToken ct)
    {
        IEnumerable<PositiveEvAuditDbRow> rows = await QueryAsync<PositiveEvAuditDbRow>(_sql.Render(QuestDbSql.PositiveEvAudit), new { since = Utc(since) }, ct);
        return Readable(rows, UnreadableRows.PositiveEvAudit, r => new PositiveEvAuditRow(
            r.KalshiTicker,
            r.EventId,
            r.MarketType,
            r.Outcome,
            r.Inverted,
            r.Equivalence,
            (decimal?)r.YesBid,
            (decimal?)r.YesAsk,
            Utc(r.KalshiTs),
            r.Books,
            Utc(r.BookTs),
            (decimal)r.FairYes,
            (decimal?)r.YesEdge,
            (decimal?)r.NoEdge));
    }

    /// <summary>P&amp;L of the Kalshi leg of each execution in [from, to) (see <see cref="QuestDbSql.ExecutionPnl"/>); open legs are marked to bids seen since <paramref name="quotesSince"/>.</summary>
    public async Task<IReadOnlyList<ExecutionPnl>> GetExecutionPnlAsync(DateTime from, DateTime to, DateTime quotesSince, CancellationToken ct)
    {
        IEnumerable<ExecutionPnlRow> rows = await QueryAsync<ExecutionPnlRow>(
            _sql.Render(QuestDbSql.ExecutionPnl),
            new { from = Utc(from), to = Utc(to), since = Utc(quotesSince) },
            ct);
        return Readable(rows, UnreadableRows.ExecutionPnl, r => new ExecutionPnl(r.ExecutionId, r.KalshiTicker, r.Settled, (decimal?)r.Realized, (decimal?)r.Marked));
    }

    public ComponentHealth GetHealth()
    {
        IlpWriterMetrics m = _writer.Metrics;
        IlpSpool spool = _writer.Spool;
        double fill = (double)spool.Bytes / spool.MaxBytes;
        var figures = new Dictionary<string, double>
        {
            ["rows_accepted"] = m.RowsAccepted,
            ["rows_written"] = m.RowsWritten,
            ["rows_spooled"] = m.RowsSpooled,
            ["rows_rejected"] = m.RowsRejected,
            ["rows_dropped"] = m.RowsDropped,
            ["rows_invalid"] = m.RowsInvalid,
            ["events_skipped"] = SkippedEvents,
            ["rows_unreadable"] = Unreadable.Total,
            ["bytes_written"] = m.BytesWritten,
            ["flush_ms_last"] = m.LastFlushLatency.TotalMilliseconds,
            ["flush_ms_avg"] = m.AverageFlushLatency.TotalMilliseconds,
            ["pending_rows"] = _writer.PendingRows,
            ["spool_bytes"] = spool.Bytes,
            ["spool_batches"] = spool.BatchCount,
            ["spool_fill_pct"] = fill * 100,
            ["outages"] = m.Outages,
            ["last_outage_s"] = m.LastOutage.TotalSeconds,
        };

        (HealthLevel level, string message) = (m.RowsDropped, m.Connected, fill) switch
        {
            ( > 0, _, _) => (HealthLevel.Down, $"{m.RowsDropped} rows dropped: spool full at {spool.Directory}"),
            _ when m.ConfigurationError is { } misconfigured => (HealthLevel.Down, $"configuration error: {misconfigured}; spooling to disk ({spool.Bytes / 1048576.0:0.#} of {spool.MaxBytes / 1048576.0:0.#} MiB)"),
            (_, false, _) => (HealthLevel.Degraded, $"QuestDB unreachable over {_writer.TransportName}: spooling to disk ({spool.Bytes / 1048576.0:0.#} of {spool.MaxBytes / 1048576.0:0.#} MiB)"),
            (_, _, >= SpoolWarnFraction) => (HealthLevel.Degraded, $"spool {fill:P0} full, replaying"),
            _ when spool.BatchCount > 0 => (HealthLevel.Degraded, $"replaying {spool.BatchCount} spooled batches"),
            _ => (HealthLevel.Healthy, $"writing over {_writer.TransportName}"),
        };
        if (m.LastError is { } error && level != HealthLevel.Healthy && m.ConfigurationError is null)
        {
            message += $"; last error: {error}";
        }
        else if (level == HealthLevel.Healthy && m.LastOutageEndedAt is { } recovered)
        {
            message += $"; recovered {recovered:HH:mm:ss} UTC after a {m.LastOutage.TotalSeconds:0.#} s outage";
        }
        else if (m.RowsRejected > 0)
        {
            message += $"; {m.RowsRejected} rows rejected (see {spool.RejectedPath})";
        }

        if (Unreadable.Total > 0)
        {
            level = level == HealthLevel.Healthy ? HealthLevel.Degraded : level;
            message += $"; {Unreadable.Total} stored rows could not be read (last: {Unreadable.LastReason})";
        }

        return new ComponentHealth("questdb", level, message, figures, _time.GetUtcNow().UtcDateTime);
    }

    /// <summary>Converts every row it can; a row it cannot is skipped, counted in <see cref="Unreadable"/> and logged, never thrown.</summary>
    private List<T> Readable<TRow, T>(IEnumerable<TRow> rows, string read, Func<TRow, T> convert)
    {
        var result = new List<T>();
        int skipped = 0;
        string? reason = null;
        foreach (TRow row in rows)
        {
            if (TryRead(row, convert, read, out T? value, out string? problem))
            {
                result.Add(value);
            }
            else
            {
                skipped++;
                reason = problem;
            }
        }

        Unreadable.Record(read, skipped, reason);
        return result;
    }

    /// <summary>As <see cref="Readable{TRow, T}"/>, for a page read one row at a time.</summary>
    private async IAsyncEnumerable<T> ReadableStream<TRow, T>(IAsyncEnumerable<TRow> rows, string read, Func<TRow, T> convert)
    {
        int skipped = 0;
        string? reason = null;
        await foreach (TRow row in rows)
        {
            if (TryRead(row, convert, read, out T? value, out string? problem))
            {
                yield return value;
            }
            else
            {
                skipped++;
                reason = problem;
            }
        }

        Unreadable.Record(read, skipped, reason);
    }

    private bool TryRead<TRow, T>(TRow row, Func<TRow, T> convert, string read, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T value, out string? problem)
    {
        try
        {
            value = convert(row);
            problem = null;
            return true;
        }
        catch (Exception ex) when (ex is OverflowException or FormatException or ArgumentException or InvalidCastException or InvalidOperationException)
        {
            // Past decimal's range (a double beyond 7.9e28), an unknown stored code, a missing value.
            value = default;
            problem = $"{read}: {ex.Message}";
            LogUnreadable(_logger, read, ex.Message);
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync();
        }
    }

    private static Opportunity ToOpportunity(OpportunityRow r) => new(
        r.OpportunityId,
        StorageCodes.ParseState(r.State),
        StorageCodes.ParseKind(r.Kind),
        r.KalshiTicker,
        r.SportsbookEvent ?? "",
        r.Book ?? "",
        StorageCodes.ParseSide(r.Side),
        (decimal)r.KalshiPrice,
        (decimal)r.BookOdds,
        (decimal)r.FairProb,
        (decimal)r.Fee,
        (decimal)r.EdgePct,
        (decimal)r.Size,
        (decimal)r.Profit,
        (decimal)r.HedgeStake,
        (decimal)r.PeakEdgePct,
        StorageCodes.ParseEquivalence(r.Equivalence),
        Utc(r.FirstSeen),
        Utc(r.KalshiQuoteTs),
        Utc(r.BookQuoteTs),
        r.CloseReason,
        Utc(r.Ts),
        LineModelJson.Read(r.Model));

    private async Task<IReadOnlyList<QuoteBar>> QueryBarsAsync(string template, string ticker, DateTime from, DateTime to, TimeSpan bucket, CancellationToken ct)
    {
        IEnumerable<QuoteBarRow> rows = await QueryAsync<QuoteBarRow>(_sql.Sampled(template, bucket), new { ticker, from = Utc(from), to = Utc(to) }, ct);
        return Readable(rows, UnreadableRows.QuoteBars, r => new QuoteBar(
            Utc(r.Ts),
            (decimal?)r.YesBidFirst,
            (decimal?)r.YesBidLast,
            (decimal?)r.YesBidMin,
            (decimal?)r.YesBidMax,
            (decimal?)r.YesAskFirst,
            (decimal?)r.YesAskLast,
            (decimal?)r.YesAskMin,
            (decimal?)r.YesAskMax,
            r.Ticks));
    }

    /// <summary>
    /// Runs a read. A pooled connection opened before QuestDB restarted is dead, and Npgsql only finds out on first
    /// use: on such a broken connection the pool is cleared and the read tried once more on a fresh one.
    /// </summary>
    private async Task<IEnumerable<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken ct)
    {
        try
        {
            return await QueryOnceAsync<T>(sql, parameters, ct);
        }
        catch (NpgsqlException ex) when (IsBrokenConnection(ex) && !ct.IsCancellationRequested)
        {
            LogStaleConnection(_logger, ex.Message);
            _dataSource.Clear();
            return await QueryOnceAsync<T>(sql, parameters, ct);
        }
    }

    private async Task<IEnumerable<T>> QueryOnceAsync<T>(string sql, object? parameters, CancellationToken ct)
    {
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(ct);
        return await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct));
    }

    /// <summary>The connection died under us (I/O, socket, or the server closing it), as opposed to an error in the statement.</summary>
    private static bool IsBrokenConnection(NpgsqlException ex) =>
        ex is not PostgresException && (ex.InnerException is IOException or System.Net.Sockets.SocketException || ex.IsTransient);

    /// <summary>
    /// What the application loads at start (stored mappings, history) must include what the previous run wrote just
    /// before stopping: committed rows become visible only once QuestDB applied its WAL. Waits a bounded time, then
    /// starts anyway with a warning.
    /// </summary>
    private async Task WaitForStartupWalAsync(CancellationToken ct)
    {
        try
        {
            await WaitForWalAppliedAsync(StartupWalWait, ct);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            LogStartupWal(_logger, ex.Message);
        }
    }

    /// <summary>
    /// Waits until QuestDB has applied every committed WAL transaction of our tables, so a read sees every row
    /// acknowledged before the call. Throws <see cref="TimeoutException"/> (naming the tables still behind) when
    /// <paramref name="timeout"/> passes, and <see cref="InvalidOperationException"/> when a table's WAL is suspended.
    /// </summary>
    public async Task WaitForWalAppliedAsync(TimeSpan timeout, CancellationToken ct)
    {
        DateTime deadline = _time.GetUtcNow().UtcDateTime + timeout;
        while (true)
        {
            var behind = new List<string>();
            foreach (WalTableRow table in await QueryAsync<WalTableRow>(QuestDbSql.WalTables, null, ct))
            {
                if (!QuestDbSql.Tables.Any(t => _sql.Prefix + t.Table == table.Name))
                {
                    continue;
                }

                if (table.Suspended)
                {
                    throw new InvalidOperationException($"QuestDB suspended the WAL of {table.Name}: rows are not being applied (see the server log; ALTER TABLE .. RESUME WAL).");
                }

                if (table.WriterTxn < table.SequencerTxn)
                {
                    behind.Add($"{table.Name} ({table.WriterTxn} of {table.SequencerTxn})");
                }
            }

            if (behind.Count == 0)
            {
                return;
            }

            if (_time.GetUtcNow().UtcDateTime > deadline)
            {
                throw new TimeoutException($"QuestDB had not applied the WAL within {timeout.TotalSeconds:0.#} s: {string.Join(", ", behind)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, ct);
        }
    }

    private async Task WriteNowAsync<TState>(TState state, Action<IlpBuffer, TState> writeRow, string what, CancellationToken ct)
    {
        IlpWriteOutcome outcome = await _writer.WriteNowAsync(state, writeRow, ct);
        if (outcome == IlpWriteOutcome.Spooled)
        {
            LogSpooledRecord(_logger, what);
        }
    }

    private void RecordWriteLatency(ReadOnlySpan<long> receivedAtTicks, DateTime acknowledgedAt)
    {
        foreach (long received in receivedAtTicks)
        {
            long micros = (acknowledgedAt.Ticks - received) / 10;
            _writer.Write((_tables, Interlocked.Increment(ref _latencySeq), micros, acknowledgedAt), QuestDbRows.WriteLatency);
        }
    }

    private void Skip(string what, string reason)
    {
        Interlocked.Increment(ref _skippedEvents);
        LogSkipped(_logger, what, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Starting before QuestDB applied its WAL ({Reason}); rows written just before the last stop may appear late")]
    private static partial void LogStartupWal(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A stored row of {Read} could not be read and is skipped: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string read, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not stored in QuestDB: {What}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string what, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "QuestDB closed a pooled PGWire connection ({Reason}); the pool is cleared and the read retried once")]
    private static partial void LogStaleConnection(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "QuestDB unreachable: the {What} is stored in the spool and will be written when it is back")]
    private static partial void LogSpooledRecord(ILogger logger, string what);

    /// <summary>QuestDB hands back timestamps without a zone; they are UTC.</summary>
    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
