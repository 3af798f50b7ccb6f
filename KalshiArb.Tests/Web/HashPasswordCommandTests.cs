using KalshiArb.Web.Auth;

namespace KalshiArb.Tests.Web;

public sealed class HashPasswordCommandTests
{
    [Fact]
    public void A_password_shorter_than_the_minimum_is_refused_and_a_long_enough_one_is_hashed_at_600000_iterations()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int tooShort = HashPasswordCommand.Run("elevenchars", output, error); // 11 characters
        int longEnough = HashPasswordCommand.Run("twelve chars", output, error); // 12 characters

        Assert.Equal((2, 0), (tooShort, longEnough));
        Assert.Contains("at least 12 characters", error.ToString(), StringComparison.Ordinal);
        string hash = output.ToString().Trim();
        Assert.StartsWith("pbkdf2-sha256$600000$", hash, StringComparison.Ordinal);
        Assert.True(PasswordHashing.Verify("twelve chars", hash));
    }
}
