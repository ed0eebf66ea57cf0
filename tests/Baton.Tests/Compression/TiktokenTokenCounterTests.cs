using Baton.Compression;

namespace Baton.Tests.Compression;

public class TiktokenTokenCounterTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("Hello, World!", 4)]
    [InlineData("The quick brown fox jumps over the lazy dog.", 10)]
    [InlineData("tiktoken is great!", 6)]
    public void CountTokens_O200kBase_KnownCounts(string text, int expected)
    {
        Assert.Equal(expected, TiktokenTokenCounter.Default.CountTokens(text));
    }

    [Fact]
    public void ForModel_Gpt4o_UsesO200kBase()
    {
        var counter = TiktokenTokenCounter.ForModel("gpt-4o");

        Assert.Equal(4, counter.CountTokens("Hello, World!"));
    }

    [Fact]
    public void ForModel_UnknownModel_FallsBackToDefaultEncoding()
    {
        Assert.Same(TiktokenTokenCounter.Default, TiktokenTokenCounter.ForModel("some-local-llama"));
    }

    [Fact]
    public void ForEncoding_UnknownEncoding_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => TiktokenTokenCounter.ForEncoding("nope_base"));

        Assert.Contains("nope_base", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForEncoding_DataPackageNotReferenced_NamesThePackageToAdd()
    {
        // This test project references only the o200k_base data, as an application would.
        var ex = Assert.Throws<ArgumentException>(() => TiktokenTokenCounter.ForEncoding("cl100k_base"));

        Assert.Contains("<PackageReference Include=\"Microsoft.ML.Tokenizers.Data.Cl100kBase\" />", ex.Message, StringComparison.Ordinal);
        Assert.Contains("HandoffRunnerOptions.TokenCounter", ex.Message, StringComparison.Ordinal);
    }
}
