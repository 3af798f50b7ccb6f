using System.Text.RegularExpressions;

namespace KalshiArb.Tests.Web;

/// <summary>Logs an HttpClient in the way a browser does: fetch the login page, post its form with the anti-forgery token.</summary>
internal static partial class LoginClient
{
    public static async Task<HttpResponseMessage> LogInAsync(HttpClient client, string user, string password, CancellationToken ct)
    {
        string page = await client.GetStringAsync(new Uri("/login", UriKind.Relative), ct);
        string token = TokenField().Match(page) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no anti-forgery token on the login page");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["UserName"] = user,
            ["Password"] = password,
            ["ReturnUrl"] = "/",
        });
        return await client.PostAsync(new Uri("/account/login", UriKind.Relative), form, ct);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
