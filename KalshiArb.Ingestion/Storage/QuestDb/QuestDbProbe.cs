using System.Net.Sockets;
using Npgsql;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>Start-up check behind the in-memory fallback: PGWire answers <c>SELECT 1</c> and the configured ILP endpoint accepts connections.</summary>
public static class QuestDbProbe
{
    public static async Task<bool> IsReachableAsync(QuestDbOptions options, CancellationToken ct) =>
        await DescribeUnreachableAsync(options, TimeSpan.FromSeconds(3), ct) is null;

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

            if (options.Transport.Equals("tcp", StringComparison.OrdinalIgnoreCase))
            {
                using var client = new TcpClient();
                await client.ConnectAsync(options.TcpHost, options.TcpPort, deadline.Token);
            }
            else
            {
                using var http = new HttpClient { Timeout = timeout };
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(options.HttpUrl), "/settings"));
                request.Headers.Authorization = options.HttpAuthorization();
                using var response = await http.SendAsync(request, deadline.Token);
                if (!response.IsSuccessStatusCode)
                {
                    return $"QuestDB HTTP at {options.HttpUrl} answered {(int)response.StatusCode}";
                }
            }

            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or HttpRequestException or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return $"QuestDB not reachable: {ex.Message}";
        }
    }
}
