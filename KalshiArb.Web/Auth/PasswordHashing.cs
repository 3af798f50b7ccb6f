using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KalshiArb.Web.Auth;

/// <summary>
/// PBKDF2-SHA256 password hashes in the self-describing form <c>pbkdf2-sha256$iterations$salt$hash</c>
/// (salt and hash in base64), so the work factor can be raised without invalidating stored hashes. The default,
/// 600,000 iterations, is OWASP's current guidance for PBKDF2-HMAC-SHA256.
/// </summary>
internal static class PasswordHashing
{
    public const int DefaultIterations = 600_000;

    /// <summary>Shortest password accepted by hash-password; the generated first-start password is longer.</summary>
    public const int MinimumLength = 12;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string password, int iterations = DefaultIterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        byte[] salt = RandomNumberGenerator.GetBytes(SaltBytes);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>The iteration count of an encoded hash; 0 when it is malformed.</summary>
    public static int IterationsOf(string encodedHash)
    {
        string[] parts = encodedHash.Split('$');
        return parts.Length == 4 && parts[0] == Scheme && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int iterations) ? iterations : 0;
    }

    /// <summary>True when <paramref name="password"/> matches; false for a wrong password or a malformed hash string.</summary>
    public static bool Verify(string password, string encodedHash)
    {
        string[] parts = encodedHash.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int iterations) || iterations <= 0)
        {
            return false;
        }

        try
        {
            byte[] salt = Convert.FromBase64String(parts[2]);
            byte[] expected = Convert.FromBase64String(parts[3]);
            byte[] actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A random password for the first-run admin: 18 random bytes, URL-safe base64 (24 characters).</summary>
    public static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
}
