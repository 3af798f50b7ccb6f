namespace KalshiArb.Tests.Web;

/// <summary>
/// What every test host of the app sets: one known user, the login files in a temporary data directory, the test
/// hashes' cost, and no QuestDB or Redis. Each factory adds its own (simulator, read-page login, spool).
/// </summary>
internal static class TestHostSettings
{
    public static Dictionary<string, string?> For(string dataDirectory, string userName, string passwordHash) => new(StringComparer.Ordinal)
    {
        ["Auth:Users:0:Name"] = userName,
        ["Auth:Users:0:PasswordHash"] = passwordHash,
        ["Auth:GeneratedUserFile"] = Path.Combine(dataDirectory, "auth.json"),
        ["Auth:KeysDirectory"] = Path.Combine(dataDirectory, "keys"),
        ["Auth:InitialPasswordFile"] = Path.Combine(dataDirectory, "initial-admin-password.txt"),
        ["Auth:PasswordIterations"] = "1000", // the test hashes' cost: no upgrade on login
        ["QuestDb:Mode"] = "Off",
        ["Redis:Mode"] = "Off",
    };
}
