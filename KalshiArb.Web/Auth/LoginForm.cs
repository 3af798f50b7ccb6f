namespace KalshiArb.Web.Auth;

/// <summary>The fields of the login form.</summary>
internal sealed class LoginForm
{
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}
