namespace KalshiArb.Web.Auth;

/// <summary><c>dotnet run --project KalshiArb.Web -- hash-password 'password'</c>: prints the hash to configure for a user.</summary>
internal static class HashPasswordCommand
{
    public const string Name = "hash-password";

    /// <summary>0 with the hash on <paramref name="output"/>; 2 with the reason on <paramref name="error"/> for a password that is too short.</summary>
    public static int Run(string password, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (password.Length < PasswordHashing.MinimumLength)
        {
            error.WriteLine($"The password must have at least {PasswordHashing.MinimumLength} characters.");
            return 2;
        }

        output.WriteLine(PasswordHashing.Hash(password));
        return 0;
    }
}
