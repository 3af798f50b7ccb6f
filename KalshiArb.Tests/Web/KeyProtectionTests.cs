using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Tests.Infrastructure;
using KalshiArb.Web.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace KalshiArb.Tests.Web;

/// <summary>The data-protection keys are kept in the data directory, encrypted with a configured certificate, or flagged on Health.</summary>
public sealed class KeyProtectionTests
{
    private const string CertificatePassword = "pfx-pass-2a61";

    [Fact]
    public void With_a_certificate_the_stored_key_is_encrypted_and_health_is_quiet()
    {
        string certificateDirectory = Directory.CreateTempSubdirectory("kalshiarb-keycert-").FullName;
        try
        {
            string pfx = Path.Combine(certificateDirectory, "keys.pfx");
            File.WriteAllBytes(pfx, TestCertificates.SelfSignedPfx(CertificatePassword));
            using var factory = new DashboardFactory
            {
                Settings = { ["Auth:KeysCertificatePath"] = pfx, ["Auth:KeysCertificatePassword"] = CertificatePassword },
            };

            string keyXml = CreateKeyAndRead(factory);
            ComponentHealth health = factory.Services.GetRequiredService<KeyProtection>().GetHealth();

            Assert.Contains("encryptedSecret", keyXml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", keyXml.Replace("<masterKey p4:requiresEncryption", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Equal(HealthLevel.Healthy, health.Level);
            Assert.Equal(KeyProtection.Component, health.Component);
        }
        finally
        {
            Directory.Delete(certificateDirectory, recursive: true);
        }
    }

    [Fact]
    public void Without_a_certificate_the_key_is_kept_in_the_data_directory_and_health_warns()
    {
        using var factory = new DashboardFactory();

        string keyXml = CreateKeyAndRead(factory);
        ComponentHealth health = factory.Services.GetRequiredService<KeyProtection>().GetHealth();

        Assert.Contains("<masterKey", keyXml, StringComparison.Ordinal);
        Assert.Equal(HealthLevel.Degraded, health.Level);
        Assert.Contains("UNENCRYPTED", health.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:KeysCertificatePath", health.Message, StringComparison.Ordinal);
    }

    /// <summary>Protecting a value creates the first key; its XML file lands in the host's keys directory.</summary>
    private static string CreateKeyAndRead(DashboardFactory factory)
    {
        IDataProtector protector = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        Assert.Equal("round trip", protector.Unprotect(protector.Protect("round trip")));
        string file = Assert.Single(Directory.GetFiles(Path.Combine(factory.DataDirectory, "keys"), "key-*.xml"));
        return File.ReadAllText(file);
    }
}
