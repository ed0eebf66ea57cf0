using Baton.Secrets;
using CsCheck;

namespace Baton.Tests.Secrets;

public class SecretRedactorTests
{
    private const string Key = "sk-ant-api03-Redact0Me1Please2Now3abcdefXYZ";

    [Fact]
    public void Redact_TextHoldingTheKey_MasksIt()
    {
        var redactor = new SecretRedactor(Key);

        Assert.Equal($"bad key {SecretRedactor.Mask} sent", redactor.Redact($"bad key {Key} sent"));
    }

    [Fact]
    public void Redact_NothingSecret_ReturnsTheSameInstance()
    {
        var redactor = new SecretRedactor(Key);
        var text = "an ordinary reply about task-planning and sk-learn";

        Assert.Same(text, redactor.Redact(text));
        Assert.False(redactor.Reveals(text));
    }

    [Fact]
    public void Redact_KeyCutAtEveryPosition_LeaksFewerThanFragmentLengthCharacters()
    {
        var redactor = new SecretRedactor(Key);

        for (var cut = 1; cut < Key.Length; cut++)
        {
            var head = redactor.Redact($"error: {Key[..cut]}…");
            var tail = redactor.Redact($"…{Key[cut..]} was rejected");

            AssertNoFragment(head, cut);
            AssertNoFragment(tail, cut);
        }
    }

    [Fact]
    public void Redact_KeyTwiceAndAdjacentFragments_MasksEachRun()
    {
        var redactor = new SecretRedactor(Key);

        var text = redactor.Redact($"{Key}{Key} and {Key[5..20]} then {Key[^9..]}.");

        Assert.Equal($"{SecretRedactor.Mask} and {SecretRedactor.Mask} then {SecretRedactor.Mask}.", text);
    }

    [Theory]
    [InlineData("sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789")]
    [InlineData("sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789")]
    [InlineData("sk-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789")]
    public void Redact_ProviderKeyShapeNotConfigured_IsMaskedAnyway(string key)
    {
        Assert.Equal($"key={SecretRedactor.Mask};", SecretRedactor.Default.Redact($"key={key};"));
    }

    [Theory]
    [InlineData("no-key")]
    [InlineData("x")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Constructor_ValueTooShortToBeASecret_IsIgnored(string? value)
    {
        var redactor = new SecretRedactor(value);

        Assert.Equal(0, redactor.SecretCount);
        Assert.Equal("no-key is fine", redactor.Redact("no-key is fine"));
    }

    [Fact]
    public void Redact_RandomTextAroundAnyPieceOfTheKey_NeverLeavesAFragment()
    {
        var redactor = new SecretRedactor(Key);
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 0, 40], Gen.Int[0, Key.Length - 1], Gen.Int[1, Key.Length], Gen.String[Gen.Char.AlphaNumeric, 0, 40])
            .Sample((before, start, length, after) =>
            {
                var piece = Key.Substring(start, Math.Min(length, Key.Length - start));
                AssertNoFragment(redactor.Redact(before + piece + after), piece.Length);
            });
    }

    private static void AssertNoFragment(string text, int context)
    {
        for (var i = 0; i + SecretRedactor.FragmentLength <= Key.Length; i++)
        {
            Assert.False(text.Contains(Key.Substring(i, SecretRedactor.FragmentLength), StringComparison.Ordinal), $"'{text}' (piece of {context}) holds a fragment of the key");
        }
    }
}
