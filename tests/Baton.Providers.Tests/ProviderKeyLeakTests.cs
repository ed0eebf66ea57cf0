using Baton.Agents;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Providers.Tests.Wire;
using Baton.Secrets;
using Microsoft.Extensions.Logging;

namespace Baton.Providers.Tests;

public sealed class ProviderKeyLeakTests
{
    private const string Key = "sk-ant-leak-check-0123456789";

    [Fact]
    public async Task Run_ProviderRejectsAndEchoesKey_KeyInNoJournalEventLogLineOrResult()
    {
        await using var server = LoopbackServer.Start(request =>
            ServerReply.Error(401, AnthropicWire.Error("authentication_error", $"bad credential {request.Header("Authorization")} {request.Header("x-api-key")}")));
        var settings = new ProviderSettings { AnthropicApiKey = Key, AnthropicBaseUrl = server.BaseUrl, GetEnvironmentVariable = _ => null };
        using var model = ChatClientFactory.Create(ModelReference.Parse("anthropic:claude-test"), settings);
        var logs = new CollectingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var runner = new HandoffRunner(new HandoffRunnerOptions { LoggerFactory = loggerFactory });

        var result = await runner.RunAsync(
            Pipeline.Sequential("one", new Agent("writer", model) { Writes = "draft" }),
            HandoffContext.Create("write something"),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.IsCompleted);
        Assert.Contains(Key, string.Join("\n", server.Requests.SelectMany(r => r.Headers.Values)), StringComparison.Ordinal);
        var journal = string.Join("\n", result.Journal.Select(JournalSerializer.Serialize));
        Assert.Contains("authentication_error", journal, StringComparison.Ordinal); // the failure is recorded...
        Assert.DoesNotContain(Key, journal, StringComparison.Ordinal);              // ...without the key
        Assert.DoesNotContain(Key, result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, string.Join("\n", logs.Lines), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, settings.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(450)]
    [InlineData(470)]
    [InlineData(476)]
    [InlineData(480)]
    [InlineData(490)]
    [InlineData(495)]
    [InlineData(499)]
    [InlineData(500)]
    [InlineData(20_000)]
    public async Task Run_ErrorOfAnyLengthWithTheKeyAtAnyCut_NoFragmentOfTheKeyInTheJournalOrMessage(int padding)
    {
        // "authentication_error: " precedes the message, so these paddings put the key across the 500-character cut.
        await using var server = LoopbackServer.Start(_ =>
            ServerReply.Error(401, AnthropicWire.Error("authentication_error", new string('x', padding) + Key + " was not accepted")));
        var settings = new ProviderSettings { AnthropicApiKey = Key, AnthropicBaseUrl = server.BaseUrl, GetEnvironmentVariable = _ => null };
        using var model = ChatClientFactory.Create(ModelReference.Parse("anthropic:claude-test"), settings);

        var result = await new HandoffRunner().RunAsync(
            Pipeline.Sequential("one", new Agent("writer", model) { Writes = "draft" }),
            HandoffContext.Create("write something"),
            cancellationToken: TestContext.Current.CancellationToken);

        var failure = result.Journal.OfType<AgentFailed>().First();
        Assert.Contains("ANTHROPIC_API_KEY", failure.Message, StringComparison.Ordinal);
        AssertNoFragment(string.Join("\n", result.Journal.Select(JournalSerializer.Serialize)) + result);
    }

    [Fact]
    public async Task Run_SuccessfulReplyEchoesTheKey_WithRedactor_KeyInNoJournalEventOrResult()
    {
        await using var server = LoopbackServer.Start(_ =>
            ServerReply.Json(AnthropicWire.Message($"Your key is {Key}; its start is {Key[..12]}.", 5, 5)));
        var settings = new ProviderSettings { AnthropicApiKey = Key, AnthropicBaseUrl = server.BaseUrl, GetEnvironmentVariable = _ => null };
        using var model = ChatClientFactory.Create(ModelReference.Parse("anthropic:claude-test"), settings);
        var runner = new HandoffRunner(new HandoffRunnerOptions { Redactor = new SecretRedactor(Key) });

        var result = await runner.RunAsync(
            Pipeline.Sequential("one", new Agent("writer", model) { Writes = "draft" }),
            HandoffContext.Create("write something"),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsCompleted, result.Reason);
        Assert.Equal($"Your key is {SecretRedactor.Mask}; its start is {SecretRedactor.Mask}.", result.FinalText);
        AssertNoFragment(string.Join("\n", result.Journal.Select(JournalSerializer.Serialize)) + result);
    }

    [Fact]
    public async Task GetResponse_OpenAI401_NamesTheVariableToSet()
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Error(401, OpenAIWire.Error("invalid_request_error", "Incorrect API key provided.")));
        var settings = new ProviderSettings { OpenAIApiKey = Key, OpenAIBaseUrl = server.BaseUrl, GetEnvironmentVariable = _ => null };
        using var model = ChatClientFactory.Create(ModelReference.Parse("openai:gpt-test"), settings);

        var ex = await Assert.ThrowsAsync<ModelProviderException>(
            () => model.GetResponseAsync([new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "hi")], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("set a valid key in OPENAI_API_KEY", ex.Message, StringComparison.Ordinal);
    }

    private static void AssertNoFragment(string text)
    {
        for (var i = 0; i + SecretRedactor.FragmentLength <= Key.Length; i++)
        {
            Assert.DoesNotContain(Key.Substring(i, SecretRedactor.FragmentLength), text, StringComparison.Ordinal);
        }
    }

    private sealed class CollectingLoggerProvider : ILoggerProvider
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Collector(this);

        public void Dispose()
        {
        }

        private sealed class Collector(CollectingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner._lines)
                {
                    owner._lines.Add(formatter(state, exception) + " " + exception);
                }
            }
        }
    }
}
