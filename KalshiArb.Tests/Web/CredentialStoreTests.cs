using System.Text.RegularExpressions;
using KalshiArb.Web.Auth;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace KalshiArb.Tests.Web;

public sealed partial class CredentialStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kalshiarb-auth-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Without_configured_users_the_first_start_prints_an_admin_password_once_and_keeps_only_its_hash()
    {
        string file = Path.Combine(_directory, "data", "auth.json");
        var options = Options.Create(new AuthOptions { GeneratedUserFile = file });
        var firstConsole = new StringWriter();

        var first = new CredentialStore(options, new HostingEnvironment { ContentRootPath = _directory }, firstConsole);
        string password = PrintedPassword().Match(firstConsole.ToString()).Groups[1].Value;
        var secondConsole = new StringWriter();
        var second = new CredentialStore(options, new HostingEnvironment { ContentRootPath = _directory }, secondConsole);

        Assert.Equal(24, password.Length);
        Assert.True(first.Validate("admin", password));
        Assert.DoesNotContain(password, File.ReadAllText(file));
        Assert.True(second.Validate("admin", password));
        Assert.Equal("", secondConsole.ToString());
        Assert.False(second.Validate("admin", "wrong"));
    }

    [Fact]
    public void Configured_users_are_used_and_nothing_is_generated()
    {
        string file = Path.Combine(_directory, "auth.json");
        var options = Options.Create(new AuthOptions
        {
            GeneratedUserFile = file,
            Users = [new AuthUser { Name = "ops", PasswordHash = PasswordHashing.Hash("pw-ops", 1_000) }],
        });
        var console = new StringWriter();

        var store = new CredentialStore(options, new HostingEnvironment { ContentRootPath = _directory }, console);

        Assert.True(store.Validate("ops", "pw-ops"));
        Assert.False(store.Validate("admin", "pw-ops"));
        Assert.False(File.Exists(file));
        Assert.Equal("", console.ToString());
    }

    [GeneratedRegex("with password: (\\S+)")]
    private static partial Regex PrintedPassword();
}
