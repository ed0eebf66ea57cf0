using Baton.Agents;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Providers.Tests.Wire;
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
