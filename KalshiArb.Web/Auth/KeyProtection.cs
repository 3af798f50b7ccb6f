using System.Security.Cryptography.X509Certificates;
using KalshiArb.Ingestion.Abstractions;
using Microsoft.AspNetCore.DataProtection;

namespace KalshiArb.Web.Auth;

/// <summary>
/// The data-protection keys behind login cookies and anti-forgery tokens: kept in <see cref="AuthOptions.KeysDirectory"/>
/// so they survive a restart, and encrypted with <see cref="AuthOptions.KeysCertificatePath"/> when one is configured.
/// Without a certificate they sit unencrypted on disk; the Health page says so (component <c>data-protection</c>).
/// </summary>
internal sealed class KeyProtection(string directory, string? certificateThumbprint, TimeProvider time) : IHealthSource
{
    public const string Component = "data-protection";

    public bool Encrypted => certificateThumbprint is not null;

    public static void Configure(IServiceCollection services, AuthOptions auth, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(auth);
        string directory = Path.Combine(contentRoot, auth.KeysDirectory);
        IDataProtectionBuilder builder = services.AddDataProtection()
            .SetApplicationName("KalshiArb")
            .PersistKeysToFileSystem(new DirectoryInfo(directory));
        string? thumbprint = null;
        if (!string.IsNullOrWhiteSpace(auth.KeysCertificatePath))
        {
            X509Certificate2 certificate = X509CertificateLoader.LoadPkcs12FromFile(
                Path.Combine(contentRoot, auth.KeysCertificatePath), auth.KeysCertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey)
            {
                throw new InvalidOperationException($"Auth:KeysCertificatePath ({auth.KeysCertificatePath}) has no private key: the keys could not be decrypted.");
            }

            builder.ProtectKeysWithCertificate(certificate);
            thumbprint = certificate.Thumbprint;
        }

        services.AddSingleton(sp => new KeyProtection(directory, thumbprint, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IHealthSource>(sp => sp.GetRequiredService<KeyProtection>());
    }

    public ComponentHealth GetHealth() => new(
        Component,
        Encrypted ? HealthLevel.Healthy : HealthLevel.Degraded,
        Encrypted
            ? $"login keys in {directory}, encrypted with certificate {certificateThumbprint}"
            : $"login keys stored UNENCRYPTED in {directory}: anyone who can read that directory can forge logins; set Auth:KeysCertificatePath (see README, Security)",
        new Dictionary<string, double>(),
        time.GetUtcNow().UtcDateTime);
}
