using Bunit;
using KalshiArb.Ingestion.Model;
using KalshiArb.Web.Components.Shared;

namespace KalshiArb.Tests.Web;

public sealed class ExecutionFormTests : DashboardTestContext
{
    private const string Ticker = "KXNBA-LAL";

    public ExecutionFormTests()
    {
        // Tick size 0.01 dollars: 0.42 is on the grid, 0.425 is not.
        Market.MarketList.Add(WebTestData.Market(Ticker, PriceGrid.LinearCent));
    }

    [Fact]
    public void Asks_for_a_login_instead_of_showing_the_form_to_an_anonymous_user()
    {
        AddAuthorization();

        IRenderedComponent<ExecutionForm> cut = Render<ExecutionForm>();

        Assert.Contains("Logging an execution needs a login", cut.Find("[data-testid=execution-login-required]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=execution-form]"));
    }

    [Theory]
    [InlineData("ticker", "", "Kalshi ticker is required.")]
    [InlineData("ticker", "KXNOPE", "Unknown Kalshi market 'KXNOPE'.")]
    [InlineData("price", "1", "Fill price must be between 0 and 1 dollars, exclusive.")]
    [InlineData("price", "0", "Fill price must be between 0 and 1 dollars, exclusive.")]
    [InlineData("price", "0.425", "Fill price 0.425 is off the market's linear_cent price grid (step 0.01 at that price).")]
    [InlineData("planned-price", "1.2", "Planned price must be between 0 and 1 dollars, exclusive.")]
    [InlineData("quantity", "0", "Quantity must be greater than 0 contracts.")]
    [InlineData("quantity", "-5", "Quantity must be greater than 0 contracts.")]
    [InlineData("fee", "-0.01", "Fee cannot be negative.")]
    [InlineData("odds", "1", "Hedge odds must be decimal odds greater than 1.")]
    [InlineData("odds", "0.5", "Hedge odds must be decimal odds greater than 1.")]
    [InlineData("quantity", "10000000", "Quantity 10000000 is outside [0, 1000000].")]
    [InlineData("quantity", "1.001", "Quantity 1.001 has more than 2 decimals.")]
    [InlineData("planned-price", "0.4212345", "Planned price 0.4212345 has more than 6 decimals.")]
    [InlineData("fee", "1000000000000", "Fee 1000000000000 is outside [0, 1000000].")]
    public void Rejects_each_kind_of_bad_input_with_a_message(string field, string value, string message)
    {
        IRenderedComponent<ExecutionForm> cut = RenderLoggedIn();
        FillValid(cut, withHedge: field == "odds");
        Set(cut, field, value);

        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains(message, cut.Find("[data-testid=execution-errors]").TextContent));
        Assert.Empty(History.Executions);
    }

    [Fact]
    public void Rejects_a_missing_side()
    {
        IRenderedComponent<ExecutionForm> cut = RenderLoggedIn();
        Set(cut, "ticker", Ticker);
        Set(cut, "planned-price", "0.42");
        Set(cut, "price", "0.43");
        Set(cut, "quantity", "10");

        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Side must be yes or no.", cut.Find("[data-testid=execution-errors]").TextContent));
        Assert.Empty(History.Executions);
    }

    [Fact]
    public void Submits_a_good_execution_with_both_legs()
    {
        Execution? raised = null;
        IRenderedComponent<ExecutionForm> cut = RenderLoggedIn(e => raised = e);
        FillValid(cut, withHedge: true);

        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains($"logged on {Ticker}", cut.Find("[data-testid=execution-logged]").TextContent));
        Execution stored = Assert.Single(History.Executions);
        Assert.Contains($"Execution {stored.ExecutionId} logged", cut.Find("[data-testid=execution-logged]").TextContent);
        Assert.Equal(Ticker, stored.KalshiTicker);
        Assert.Equal(Side.No, stored.KalshiSide);
        Assert.Equal(0.42m, stored.PlannedPrice);
        Assert.Equal(0.43m, stored.KalshiPrice);
        Assert.Equal(0.01m, stored.Slippage); // 0.43 filled - 0.42 planned
        Assert.Equal(25m, stored.Quantity);
        Assert.Equal(0.35m, stored.KalshiFee);
        Assert.Equal("fanduel", stored.HedgeBook);
        Assert.Equal(2.05m, stored.HedgeOdds);
        Assert.Equal(12.5m, stored.HedgeStake);
        Assert.Equal(WebTestData.Now, stored.Ts);
        Assert.Same(stored, raised);
    }

    [Fact]
    public void Shows_the_taker_fee_for_the_typed_price_and_size()
    {
        IRenderedComponent<ExecutionForm> cut = RenderLoggedIn();

        FillValid(cut, withHedge: false);

        // 0.07 x 25 x 0.43 x 0.57 = 0.428925, rounded up to the cent: $0.43; the form has $0.35 typed.
        var hint = cut.Find("[data-testid=fee-hint]");
        Assert.Equal("differs from $0.43 taker fee at $0.43 × 25", hint.TextContent);
        Assert.Equal("0.07 × 25 contracts × $0.43 × (1 − $0.43) = $0.4289, rounded up to the cent: $0.43", hint.GetAttribute("title"));
    }

    [Fact]
    public void A_prefill_states_the_walk_average_beside_the_limit_price_and_shows_slippage_only_after_a_fill_is_entered()
    {
        // YES asks 0.55 × 100, 0.56 × 100, 0.58 × 200 (from NO bids 0.45, 0.44, 0.42); the walk buys 300:
        // average (55 + 56 + 58) / 300 = 0.56333..., worst level 0.58.
        // Walk fee, per level filled (each rounded up to $0.0001): 0.07 × 100 × 0.55 × 0.45 = 1.7325,
        // 0.07 × 100 × 0.56 × 0.44 = 1.7248, 0.07 × 100 × 0.58 × 0.42 = 1.7052; sum 5.1625, up to the cent $5.17.
        // One price for all 300 at 0.58: 0.07 × 300 × 0.58 × 0.42 = 5.1156, up to the cent $5.12.
        var book = new KalshiArb.Ingestion.Market.BookView(Ticker, [new(0.40m, 50m)], [new(0.45m, 100m), new(0.44m, 100m), new(0.42m, 200m)], true, 7, WebTestData.Now);
        Opportunity opportunity = WebTestData.Opportunity("o1", Ticker) with { KalshiPrice = 169m / 300m, Size = 300m, Fee = 5.17m };
        AddAuthorization().SetAuthorized("trader");
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

        IRenderedComponent<ExecutionForm> cut = Render<ExecutionForm>(p => p
            .Add(c => c.Prefill, KalshiArb.Web.Services.ExecutionService.FromOpportunity(opportunity, KalshiArb.Ingestion.Model.PriceGrid.LinearCent, book))
            .Add(c => c.PrefillLabel, "Lakers at Celtics · buy YES"));

        Assert.Contains("walk average", cut.Markup);
        Assert.Equal("0.58", cut.Find("input[data-testid=field-limit-price]").GetAttribute("value"));
        Assert.Equal("0.58", cut.Find("input[data-testid=field-price]").GetAttribute("value"));
        Assert.DoesNotContain("slippage", cut.Markup);
        Assert.Equal("$5.17 is the planned fee, summed per level the walk fills; $5.12 taker fee at $0.58 × 300 (one price for every contract)", cut.Find("[data-testid=fee-hint]").TextContent);
        Assert.Empty(cut.FindAll("input[data-testid=field-opportunity]")); // the id stays out of sight: the label names it
        Assert.Contains("Lakers at Celtics", cut.Find("[data-testid=field-opportunity-label]").TextContent);

        Set(cut, "price", "0.59");

        // 0.59 − 0.56333... = +0.02667 per contract.
        Assert.Contains("slippage +0.0267 $ per contract", cut.Markup);
    }

    private IRenderedComponent<ExecutionForm> RenderLoggedIn(Action<Execution>? onLogged = null)
    {
        AddAuthorization().SetAuthorized("trader");
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        return Render<ExecutionForm>(p => p.Add(c => c.OnLogged, e => onLogged?.Invoke(e)));
    }

    private static void FillValid(IRenderedComponent<ExecutionForm> cut, bool withHedge)
    {
        Set(cut, "ticker", Ticker);
        cut.Find("input[data-testid=side-no]").Click();
        Set(cut, "planned-price", "0.42");
        Set(cut, "price", "0.43");
        Set(cut, "quantity", "25");
        Set(cut, "fee", "0.35");
        if (withHedge)
        {
            Set(cut, "hedge-book", "fanduel");
            Set(cut, "odds", "2.05");
            Set(cut, "stake", "12.5");
        }
    }

    private static void Set(IRenderedComponent<ExecutionForm> cut, string field, string value) =>
        cut.Find($"input[data-testid=field-{field}]").Change(value);
}
