using KalshiArb.Ingestion.Storage.Ilp;
using Microsoft.Extensions.Logging;

namespace KalshiArb.Tests.Storage;

/// <summary>Writers of one test on a spool directory of their own, with quick retries, and the one-column rows they write.</summary>
internal sealed class IlpWriterScope : IDisposable
{
    public string SpoolDirectory { get; } = Directory.CreateTempSubdirectory("kalshiarb-spool-").FullName;

    public IlpWriter NewWriter(FakeIlpHttpServer server, int autoFlushRows = 1000, TimeSpan? interval = null, long spoolMaxBytes = 1 << 20, IIlpTransport? transport = null, ILogger<IlpWriter>? logger = null) =>
        new(
            transport ?? new IlpHttpTransport(server.BaseUri, TimeSpan.FromSeconds(5)),
            new IlpSpool(SpoolDirectory, spoolMaxBytes),
            new IlpWriterOptions
            {
                AutoFlushRows = autoFlushRows,
                AutoFlushInterval = interval ?? TimeSpan.FromHours(1),
                RetryBackoff = TimeSpan.FromMilliseconds(5),
                MaxReplayBackoff = TimeSpan.FromMilliseconds(50),
                MaxAttempts = 2,
            },
            TimeProvider.System,
            logger);

    public static void Row(IlpBuffer b, int i) => b.Table("t").Symbol("s", "k").Column("i", (long)i).At(DateTime.UnixEpoch.AddSeconds(i));

    /// <summary>The ILP line <see cref="Row"/> writes for <paramref name="i"/>.</summary>
    public static string Line(int i) => $"t,s=k i={i}i {i}000000000";

    public void Dispose() => Directory.Delete(SpoolDirectory, recursive: true);
}
