using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KalshiArb.Tests.Infrastructure;

/// <summary>Throw-away certificates for tests.</summary>
internal static class TestCertificates
{
    /// <summary>A self-signed RSA certificate with its private key, as PKCS#12 bytes protected by <paramref name="password"/>.</summary>
    public static byte[] SelfSignedPfx(string password)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest("CN=KalshiArb test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.Export(X509ContentType.Pkcs12, password);
    }
}
