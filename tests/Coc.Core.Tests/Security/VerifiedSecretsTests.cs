using Coc.Core.Security;

namespace Coc.Core.Tests.Security;

public sealed class VerifiedSecretsTests
{
    private sealed record Token(string Name, string Hash);

    private static readonly Token[] Tokens =
    [
        new("layar-1", SecretHash.Hash("rahasia-1", iterations: 1_000)),
        new("layar-2", SecretHash.Hash("rahasia-2", iterations: 1_000)),
        new("layar-3", SecretHash.Hash("rahasia-3", iterations: 1_000)),
    ];

    [Fact]
    public void FindMatch_ThirdOfThree_ReturnsItFirstTimeAndAgain()
    {
        var verified = new VerifiedSecrets();

        Assert.Equal("layar-3", verified.FindMatch("screen", "rahasia-3", Tokens, t => t.Hash)?.Name);
        Assert.Equal("layar-3", verified.FindMatch("screen", "rahasia-3", Tokens, t => t.Hash)?.Name);
        Assert.Null(verified.FindMatch("screen", "salah", Tokens, t => t.Hash));
    }

    [Fact]
    public void FindMatch_RememberedSecretNoLongerConfigured_NotFound()
    {
        var verified = new VerifiedSecrets();
        Assert.NotNull(verified.FindMatch("screen", "rahasia-2", Tokens, t => t.Hash));

        var withoutIt = Tokens.Where(t => t.Name != "layar-2").ToArray();

        Assert.Null(verified.FindMatch("screen", "rahasia-2", withoutIt, t => t.Hash));
    }

    [Fact]
    public void FindMatch_HashChangedForTheSameName_CheckedAfresh()
    {
        var verified = new VerifiedSecrets();
        Assert.NotNull(verified.FindMatch("screen", "rahasia-1", Tokens, t => t.Hash));

        Token[] rotated = [new("layar-1", SecretHash.Hash("rahasia-baru", iterations: 1_000))];

        Assert.Null(verified.FindMatch("screen", "rahasia-1", rotated, t => t.Hash));
        Assert.Equal("layar-1", verified.FindMatch("screen", "rahasia-baru", rotated, t => t.Hash)?.Name);
    }

    [Fact]
    public void FindMatch_FullMemory_StillAnswersRight()
    {
        var verified = new VerifiedSecrets(maxEntries: 2);

        foreach (var secret in new[] { "rahasia-1", "rahasia-2", "rahasia-3", "rahasia-1" })
        {
            Assert.Equal("layar-" + secret[^1], verified.FindMatch("screen", secret, Tokens, t => t.Hash)?.Name);
        }
    }
}
