namespace Baton.Tests;

public sealed class ModelReferenceTests
{
    [Theory]
    [InlineData("anthropic:claude-sonnet-4-5", ModelProvider.Anthropic, "claude-sonnet-4-5")]
    [InlineData("openai:gpt-4o-mini", ModelProvider.OpenAI, "gpt-4o-mini")]
    [InlineData("ollama:llama3.2", ModelProvider.Ollama, "llama3.2")]
    [InlineData("ollama:llama3.2:1b", ModelProvider.Ollama, "llama3.2:1b")]
    [InlineData("gguf:models/tiny.gguf", ModelProvider.Gguf, "models/tiny.gguf")]
    [InlineData("gguf:C:\\models\\tiny.gguf", ModelProvider.Gguf, "C:\\models\\tiny.gguf")]
    [InlineData("  OpenAI : gpt-4o ", ModelProvider.OpenAI, "gpt-4o")]
    [InlineData("rehearsal", ModelProvider.Rehearsal, "rehearsal")]
    public void Parse_ValidReference_SplitsProviderAndModel(string text, ModelProvider provider, string model)
    {
        var reference = ModelReference.Parse(text);

        Assert.Equal(provider, reference.Provider);
        Assert.Equal(model, reference.Model);
    }

    [Theory]
    [InlineData("anthropic:claude-sonnet-4-5")]
    [InlineData("ollama:llama3.2:1b")]
    [InlineData("gguf:models/tiny.gguf")]
    [InlineData("rehearsal")]
    public void ToString_ParsedReference_RoundTrips(string text)
    {
        Assert.Equal(ModelReference.Parse(text), ModelReference.Parse(ModelReference.Parse(text).ToString()));
        Assert.Equal(text, ModelReference.Parse(text).ToString());
    }

    [Fact]
    public void Parse_Empty_ExplainsTheFormWithExamples()
    {
        var ex = Assert.Throws<FormatException>(() => ModelReference.Parse("  "));

        Assert.Contains("provider:model", ex.Message, StringComparison.Ordinal);
        Assert.Contains("anthropic:claude-sonnet-4-5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ModelWithoutProvider_SuggestsPrefixes()
    {
        var ex = Assert.Throws<FormatException>(() => ModelReference.Parse("gpt-4o-mini"));

        Assert.Contains("names no provider", ex.Message, StringComparison.Ordinal);
        Assert.Contains("openai:gpt-4o-mini", ex.Message, StringComparison.Ordinal);
        Assert.Contains("rehearsal", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MisspeltProvider_SuggestsClosest()
    {
        var ex = Assert.Throws<FormatException>(() => ModelReference.Parse("antropic:claude-sonnet-4-5"));

        Assert.Contains("unknown provider 'antropic'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'anthropic'?", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ProviderWithoutModel_AsksForModelWithExample()
    {
        var ex = Assert.Throws<FormatException>(() => ModelReference.Parse("ollama:"));

        Assert.Contains("no model", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ollama:llama3.2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Invalid_ReturnsFalseWithError()
    {
        Assert.False(ModelReference.TryParse("bogus:model", out var reference, out var error));
        Assert.Null(reference);
        Assert.Contains("Known providers", error, StringComparison.Ordinal);
    }
}
