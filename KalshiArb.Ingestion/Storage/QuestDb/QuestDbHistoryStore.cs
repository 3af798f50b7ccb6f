using Dapper;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
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
internal sealed partial class QuestDbHistoryStore : IHistoryStore, IHealthSource, IMarketEventHandler, IAsyncDisposable
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
            marketEvent.DispatchTo(this);
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


    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not stored in QuestDB: {What}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string what, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "QuestDB unreachable: the {What} is stored in the spool and will be written when it is back")]
    private static partial void LogSpooledRecord(ILogger logger, string what);
}
