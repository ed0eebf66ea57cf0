using Microsoft.Extensions.AI;

namespace Baton.Providers.Tests;

public sealed class ChatClientFactoryTests
{
    private static readonly ProviderSettings s_emptyEnvironment = new() { GetEnvironmentVariable = _ => null };

    [Fact]
    public void Create_NoModel_IsRehearsal()
    {
        using var client = ChatClientFactory.Create((string?)null, s_emptyEnvironment);

        Assert.IsType<RehearsalChatClient>(client);
    }

    [Theory]
    [InlineData("anthropic:claude-sonnet-4-5", "ANTHROPIC_API_KEY", "AnthropicApiKey")]
    [InlineData("openai:gpt-4o-mini", "OPENAI_API_KEY", "OpenAIApiKey")]
    public void Create_MissingKey_NamesVariableAndHowToSetIt(string model, string variable, string setting)
    {
        var ex = Assert.Throws<ProviderConfigurationException>(() => ChatClientFactory.Create(model, s_emptyEnvironment));

        Assert.Contains($"{variable} is not set", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"export {variable}=", ex.Message, StringComparison.Ordinal);
        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
        Assert.Contains("rehearsal", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_KeyFromEnvironment_IsUsedAndNeverShown()
    {
        var settings = new ProviderSettings
        {
            GetEnvironmentVariable = name => name == ProviderEnvironment.AnthropicApiKey ? "sk-ant-ENV-SECRET-123" : null,
        };

        using var client = ChatClientFactory.Create("anthropic:claude-sonnet-4-5", settings);

        Assert.Equal("claude-sonnet-4-5", client.GetService<ChatClientMetadata>()?.DefaultModelId);
        Assert.DoesNotContain("ENV-SECRET", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_InvalidBaseUrlInEnvironment_NamesVariable()
    {
        var settings = new ProviderSettings
        {
            GetEnvironmentVariable = name => name switch
            {
                ProviderEnvironment.OpenAIBaseUrl => "ftp://nope",
                _ => null,
            },
        };

        var ex = Assert.Throws<ProviderConfigurationException>(() => ChatClientFactory.Create("openai:gpt-4o", settings));

        Assert.Contains("OPENAI_BASE_URL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OllamaWithoutSettings_DefaultsToLoopback()
    {
        using var client = ChatClientFactory.Create("ollama:llama3.2", s_emptyEnvironment);

        var metadata = client.GetService<ChatClientMetadata>();
        Assert.Equal(ChatClientFactory.DefaultOllamaBaseUrl.Authority, metadata?.ProviderUri?.Authority);
        Assert.Equal("llama3.2", metadata?.DefaultModelId);
    }

    [Fact]
    public void Create_InvalidReference_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => ChatClientFactory.Create("claude", s_emptyEnvironment));
    }
}
