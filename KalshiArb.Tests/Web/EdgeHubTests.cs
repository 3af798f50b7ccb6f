using System.Text.Json.Serialization;
using KalshiArb.Ingestion.Model;
using KalshiArb.Web.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

using KalshiArb.Tests.Infrastructure;

namespace KalshiArb.Tests.Web;

public sealed class EdgeHubTests : IAsyncDisposable
{
    private readonly DashboardFactory _factory = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_client_receives_a_batch_with_opportunity_transitions_and_quotes()
    {
        var batches = new List<LiveBatch>();
        await using HubConnection connection = await ConnectAsync(batches);

        _factory.Updates.OnOpportunity(WebTestData.Opportunity("opp-1", edgePct: 2.75m));
        _factory.Updates.OnMarketEvent(WebTestData.Tick("KXNBA-LAL", 0.41m, 0.43m, WebTestData.Now));

        await Poll.UntilAsync(() => Received(batches).Any(b => b.Opportunities.Count > 0) && Received(batches).Any(b => b.Quotes.Count > 0));
        Opportunity opportunity = Received(batches).SelectMany(b => b.Opportunities).Single();
        Assert.Equal(("opp-1", 2.75m, OpportunityKind.HedgedArb), (opportunity.OpportunityId, opportunity.EdgePct, opportunity.Kind));
        Assert.Equal(0.41m, Received(batches).SelectMany(b => b.Quotes).Single().YesBid);
    }

    [Fact]
    public async Task A_burst_of_a_thousand_updates_arrives_coalesced_in_far_fewer_batches()
    {
        var batches = new List<LiveBatch>();
        await using HubConnection connection = await ConnectAsync(batches);

        // 1,000 updates over 10 opportunities: opportunity i ends with edge 100 + i (its 100th update).
        for (int n = 0; n < 1000; n++)
        {
            int id = n % 10;
            _factory.Updates.OnOpportunity(WebTestData.Opportunity($"opp-{id}", edgePct: (n / 10) + 1 + id, state: OpportunityState.Update));
        }

        await Poll.UntilAsync(() => LatestEdges(batches).Count == 10 && LatestEdges(batches).All(kv => kv.Value == 100 + int.Parse(kv.Key[4..], System.Globalization.CultureInfo.InvariantCulture)));
        int count = Received(batches).Count;
        Assert.InRange(count, 1, 99); // at least ten times fewer messages than updates
    }

    private async Task<HubConnection> ConnectAsync(List<LiveBatch> batches)
    {
        _ = _factory.Server; // starts the host
        HubConnection connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_factory.Server.BaseAddress, EdgeHub.Path.TrimStart('/')), options =>
            {
                options.HttpMessageHandlerFactory = _ => _factory.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
            })
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        connection.On<LiveBatch>(EdgeHub.BatchMethod, batch =>
        {
            lock (batches)
            {
                batches.Add(batch);
            }
        });
        await connection.StartAsync(_ct);
        return connection;
    }

    private static List<LiveBatch> Received(List<LiveBatch> batches)
    {
        lock (batches)
        {
            return [.. batches];
        }
    }

    private static Dictionary<string, decimal> LatestEdges(List<LiveBatch> batches) =>
        Received(batches).SelectMany(b => b.Opportunities).GroupBy(o => o.OpportunityId).ToDictionary(g => g.Key, g => g.Last().EdgePct);
}
