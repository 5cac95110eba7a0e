using Coc.Core.Security;

namespace Coc.Core.Tests.Security;

public sealed class SecretHashTests
{
    [Fact]
    public void Verify_RightSecret_True()
    {
        var hash = SecretHash.Hash("rahasia-sensor-1", iterations: 1_000);

        Assert.True(SecretHash.Verify("rahasia-sensor-1", hash));
        Assert.StartsWith("pbkdf2-sha256$1000$", hash, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_SameSecretTwice_DifferentSalts()
    {
        Assert.NotEqual(SecretHash.Hash("x", 1_000), SecretHash.Hash("x", 1_000));
    }

    [Theory]
    [InlineData("salah")]
    [InlineData("")]
    [InlineData(null)]
    public void Verify_WrongOrMissingSecret_False(string? secret)
    {
        Assert.False(SecretHash.Verify(secret, SecretHash.Hash("benar", 1_000)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("pbkdf2-sha256$abc$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("pbkdf2-sha256$1000$not*base64$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("md5$1000$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==")]
    public void Verify_MalformedHash_FalseAndNotWellFormed(string? encoded)
    {
        Assert.False(SecretHash.Verify("anything", encoded));
        Assert.False(SecretHash.IsWellFormed(encoded));
    }
}
