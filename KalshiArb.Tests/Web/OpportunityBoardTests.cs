using KalshiArb.Ingestion.Model;
using KalshiArb.Web.Services;

namespace KalshiArb.Tests.Web;

public sealed class OpportunityBoardTests
{
    private static readonly DateTime Now = WebTestData.Now;

    [Fact]
    public void An_update_for_an_unseen_id_counts_as_opened_and_a_close_fades_then_drops()
    {
        var board = new OpportunityBoard();

        IReadOnlyList<Opportunity> opened = board.Apply([WebTestData.Opportunity("a", state: OpportunityState.Update)], Now);
        board.Apply([WebTestData.Opportunity("a", state: OpportunityState.Close)], Now.AddSeconds(1));

        Assert.Equal(["a"], opened.Select(o => o.OpportunityId));
        Assert.Equal(Now.AddSeconds(1), Assert.Single(board.Rows).ClosedAt);
        Assert.False(board.Prune(Now.AddSeconds(5.9))); // fade-out is 5 s from the close at +1 s
        Assert.True(board.Prune(Now.AddSeconds(6)));
        Assert.Empty(board.Rows);
    }
}
