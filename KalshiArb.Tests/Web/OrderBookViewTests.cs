using Bunit;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Web.Components.Shared;

namespace KalshiArb.Tests.Web;

public sealed class OrderBookViewTests : DashboardTestContext
{
    [Fact]
    public void Shows_yes_bids_and_the_yes_ask_implied_by_no_bids()
    {
        var book = new BookView("KXNBA-LAL", [new BookLevel(0.41m, 120m), new BookLevel(0.40m, 50m)], [new BookLevel(0.55m, 80m)], true, 42, WebTestData.Now.AddSeconds(-1));

        IRenderedComponent<OrderBookView> cut = Render<OrderBookView>(p => p.Add(c => c.Book, book).Add(c => c.Now, WebTestData.Now));

        var rows = cut.FindAll("[data-testid=order-book] tbody tr");
        Assert.Equal(2, rows.Count);
        string[] first = [.. rows[0].QuerySelectorAll("td").Select(td => td.TextContent)];
        // NO bid 0.55 is an offer to sell YES at 1 - 0.55 = 0.45.
        Assert.Equal(["120", "$0.410", "$0.450", "80"], first);
        Assert.Empty(cut.FindAll("[data-testid=book-untrusted]"));
    }

    [Fact]
    public void Warns_when_the_book_is_not_trusted()
    {
        var book = new BookView("KXNBA-LAL", [], [], false, 7, WebTestData.Now);

        IRenderedComponent<OrderBookView> cut = Render<OrderBookView>(p => p.Add(c => c.Book, book).Add(c => c.Now, WebTestData.Now));

        Assert.Contains("Book not trusted (resynchronising)", cut.Find("[data-testid=book-untrusted]").TextContent);
    }
}
