using System.Net.Sockets;
using KalshiArb.Ingestion.Storage.Ilp;
using Npgsql;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>
/// Start-up check behind the in-memory fallback: PGWire answers <c>SELECT 1</c> and the configured ILP endpoint accepts
/// connections (for HTTP: answers, even if only to refuse the credentials, which the writer then reports).
/// </summary>
internal static class QuestDbProbe
{
    /// <summary>Null when reachable; otherwise what failed, for the log and the Health page.</summary>
    public static async Task<string?> DescribeUnreachableAsync(QuestDbOptions options, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(options.PgConnectionString) { Timeout = Math.Max(1, (int)timeout.TotalSeconds), Pooling = false };
            await using (var connection = new NpgsqlConnection(builder.ConnectionString))
            {
                await connection.OpenAsync(deadline.Token);
                await using var command = new NpgsqlCommand(QuestDbSql.Ping, connection);
                await command.ExecuteScalarAsync(deadline.Token);
            }

            IlpClientConfig ilp = options.Ilp();
            using var http = new HttpClient { Timeout = timeout };
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ilp.HttpBaseUri, "/settings"));
            request.Headers.Authorization = ilp.Authorization();
            using var response = await http.SendAsync(request, deadline.Token);
            // Refused credentials mean QuestDB is there: the writer spools and reports the configuration error.
            if (!response.IsSuccessStatusCode && response.StatusCode is not (System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden))
            {
                return $"QuestDB HTTP at {ilp.HttpBaseUri.GetLeftPart(UriPartial.Authority)} answered {(int)response.StatusCode} ({ilp.AuthDescription})";
            }

            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or HttpRequestException or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return $"QuestDB not reachable: {ex.Message}";
        }
    }
}
