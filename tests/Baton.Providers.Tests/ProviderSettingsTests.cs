namespace Baton.Providers.Tests;

public sealed class ProviderSettingsTests
{
    [Fact]
    public void ToString_WithKeys_NeverPrintsThem()
    {
        var settings = new ProviderSettings { AnthropicApiKey = "sk-ant-SECRET-A", OpenAIApiKey = "sk-SECRET-B" };

        var text = settings.ToString();

        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        Assert.Contains("AnthropicApiKey = (set)", text, StringComparison.Ordinal);
        Assert.Contains("OpenAIApiKey = (set)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsAllInOneMessage()
    {
        var settings = new ProviderSettings
        {
            OpenAIBaseUrl = new Uri("ftp://example.com/"),
            DefaultMaxOutputTokens = 0,
            RequestTimeout = TimeSpan.FromSeconds(-1),
        };

        var ex = Assert.Throws<ProviderConfigurationException>(settings.Validate);

        Assert.Contains("OpenAIBaseUrl", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DefaultMaxOutputTokens", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RequestTimeout", ex.Message, StringComparison.Ordinal);
    }
}
