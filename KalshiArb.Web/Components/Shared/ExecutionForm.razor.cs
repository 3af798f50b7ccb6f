using System.Globalization;
using KalshiArb.Ingestion.Model;
using KalshiArb.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace KalshiArb.Web.Components.Shared;

/// <summary>
/// The manual execution form: both legs, validated by <see cref="ExecutionValidator"/> with a message per field;
/// only a logged-in user sees it, and the user is checked again on submit.
/// </summary>
public sealed partial class ExecutionForm
{
    private ExecutionInput _input = new();
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private Execution? _logged;
    private ExecutionInput? _appliedPrefill;
    private bool _authenticated;
    private bool _submitting;
    private bool _fillEntered;
    private decimal? _walkFee;

    [Inject]
    private ExecutionService Executions { get; set; } = default!;

    [Inject]
    private IMarketReader Market { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>Values to start from (an opportunity picked from the list); applied when a new instance is passed.</summary>
    [Parameter]
    public ExecutionInput? Prefill { get; set; }

    /// <summary>How the page names the prefilled opportunity (game, side, price, time opened).</summary>
    [Parameter]
    public string? PrefillLabel { get; set; }

    [Parameter]
    public EventCallback<Execution> OnLogged { get; set; }

    private static CultureInfo Invariant => CultureInfo.InvariantCulture;

    protected override async Task OnParametersSetAsync()
    {
        _authenticated = await CurrentUserAsync() is not null;
        if (Prefill is not null && !ReferenceEquals(Prefill, _appliedPrefill))
        {
            _appliedPrefill = Prefill;
            _input = Prefill;
            _errors = new Dictionary<string, string>();
            _logged = null;
            _fillEntered = false;
            _walkFee = Prefill.KalshiFee;
        }
    }

    private async Task SubmitAsync()
    {
        string? user = await CurrentUserAsync();
        if (user is null)
        {
            _authenticated = false;
            return;
        }

        _submitting = true;
        try
        {
            ExecutionResult result = await Executions.LogAsync(_input, user, CancellationToken.None);
            _errors = result.Errors;
            _logged = result.Execution;
            if (result.Execution is { } execution)
            {
                _input = new ExecutionInput();
                _fillEntered = false;
                _walkFee = null;
                await OnLogged.InvokeAsync(execution);
            }
        }
        finally
        {
            _submitting = false;
        }
    }

    private async Task<string?> CurrentUserAsync()
    {
        if (AuthenticationState is null)
        {
            return null;
        }

        AuthenticationState state = await AuthenticationState;
        return state.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : null;
    }

    private string? PlannedHint => _input.LimitPrice is not null ? "average over the levels the walk takes" : null;

    /// <summary>Slippage is the fill against the plan: shown only once the trader has entered a fill.</summary>
    private string? FillHint => _fillEntered && _input.KalshiPrice is { } fill && _input.PlannedPrice is { } planned
        ? string.Create(Invariant, $"slippage {fill - planned:+0.0000;-0.0000;0.0000} $ per contract against the plan")
        : _input.LimitPrice is not null ? "starts at the limit price: enter the price you were filled at" : null;

    private void SetFillPrice(decimal? price)
    {
        _input.KalshiPrice = price;
        _fillEntered = true;
    }

    /// <summary>The fee entered against Kalshi's taker fee at the typed fill price and size.</summary>
    private FeeCheck? FeeCheck()
    {
        if (_input.KalshiTicker is not { Length: > 0 } ticker || Market.GetMarket(ticker.Trim()) is null
            || _input.KalshiPrice is not (> 0m and < 1m) || _input.Quantity is not > 0m)
        {
            return null;
        }

        decimal price = _input.KalshiPrice.Value, contracts = _input.Quantity.Value;
        decimal takerFee = Market.TakerFee(ticker.Trim(), price, contracts, Time.GetUtcNow().UtcDateTime);
        bool fromWalk = _walkFee is not null && _input.KalshiFee == _walkFee;
        return Services.FeeCheck.For(_input.KalshiFee, fromWalk, price, contracts, takerFee);
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? Message(string field) => _errors.GetValueOrDefault(field);
}
