using System.ComponentModel.DataAnnotations;

namespace KalshiArb.Web.Auth;

/// <summary>The <c>Auth</c> configuration section: who may write, and whether reading needs a login too.</summary>
internal sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Users allowed to log in; each password is stored as a PBKDF2 hash (see <see cref="PasswordHashing"/>).</summary>
    public List<AuthUser> Users { get; init; } = [];

    /// <summary>When true every page and read endpoint needs a login; write actions always do.</summary>
    public bool RequireLoginForReadPages { get; init; }

    /// <summary>Where the generated first-run admin credential (its hash only) is kept when no user is configured.</summary>
    public string GeneratedUserFile { get; init; } = "data/auth.json";

    /// <summary>Where the generated first-run admin password is written once, readable by the app's user only (mode 600).</summary>
    public string InitialPasswordFile { get; init; } = "data/initial-admin-password.txt";

    /// <summary>PBKDF2 iterations for new and upgraded hashes; a hash with fewer is upgraded on its next successful login.</summary>
    [Range(1_000, 10_000_000)]
    public int PasswordIterations { get; init; } = PasswordHashing.DefaultIterations;

    /// <summary>Where the data-protection keys behind login cookies and anti-forgery tokens are kept.</summary>
    public string KeysDirectory { get; init; } = "data/keys";

    /// <summary>A PKCS#12 (.pfx) certificate with private key that encrypts the keys at rest; empty: stored unencrypted, with a warning on Health.</summary>
    public string KeysCertificatePath { get; init; } = "";

    /// <summary>The password of <see cref="KeysCertificatePath"/>; a secret, never logged or shown.</summary>
    public string KeysCertificatePassword { get; init; } = "";
}
