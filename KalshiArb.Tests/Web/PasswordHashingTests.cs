using KalshiArb.Web.Auth;

namespace KalshiArb.Tests.Web;

public sealed class PasswordHashingTests
{
    [Fact]
    public void Verifies_the_right_password_and_rejects_a_wrong_one()
    {
        string hash = PasswordHashing.Hash("correct horse", iterations: 1_000);

        Assert.StartsWith("pbkdf2-sha256$1000$", hash);
        Assert.True(PasswordHashing.Verify("correct horse", hash));
        Assert.False(PasswordHashing.Verify("correct hors", hash));
    }

    [Fact]
    public void Salts_every_hash()
    {
        Assert.NotEqual(PasswordHashing.Hash("same", 1_000), PasswordHashing.Hash("same", 1_000));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("pbkdf2-sha256$abc$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$not base64!$AAAA")]
    [InlineData("md5$1000$AAAA$AAAA")]
    public void A_malformed_hash_never_verifies(string encoded)
    {
        Assert.False(PasswordHashing.Verify("anything", encoded));
    }
}
