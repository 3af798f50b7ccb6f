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

    [Parameter]
    public EventCallback<Execution> OnLogged { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _authenticated = await CurrentUserAsync() is not null;
        if (Prefill is not null && !ReferenceEquals(Prefill, _appliedPrefill))
        {
            _appliedPrefill = Prefill;
            _input = Prefill;
            _errors = new Dictionary<string, string>();
            _logged = null;
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

    /// <summary>The taker fee Kalshi would charge for the typed price and size, as a check on the fee entered.</summary>
    private string? FeeHint =>
        _input.KalshiTicker is { Length: > 0 } ticker && Market.GetMarket(ticker.Trim()) is not null
        && _input.KalshiPrice is > 0m and < 1m && _input.Quantity is > 0m
            ? $"taker fee {Money.Format(Market.TakerFee(ticker.Trim(), _input.KalshiPrice.Value, _input.Quantity.Value, Time.GetUtcNow().UtcDateTime))}"
            : null;

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? Message(string field) => _errors.GetValueOrDefault(field);
}
