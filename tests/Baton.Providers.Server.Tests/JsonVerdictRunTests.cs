using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Baton.Agents;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Orchestration.Review;
using Json.Schema;

namespace Baton.Providers.Server.Tests;

/// <summary>
/// A review loop with JSON verdicts against the real llama-server: the reviewer's calls ask for Baton's verdict
/// schema through the provider's mechanism (OpenAI-compatible <c>json_schema</c>, Anthropic's forced tool), the
/// journal records it, and each reply is either cut at the limit (journaled as truncated) or a verdict that validates.
/// </summary>
[Collection(OneServer.Name)]
public sealed class JsonVerdictRunTests(LlamaServerFixture server)
{
    [Theory]
    [InlineData("openai", "json_schema")]
    [InlineData("anthropic", "tool")]
    public async Task ReviewLoop_JsonVerdictsOnTheRealServer_SentAsStructuredOutputAndJournaled(string provider, string mechanism)
    {
        server.RequireServer();
        server.Proxy.Clear();
        var settings = new ProviderSettings
        {
            OpenAIBaseUrl = new Uri(server.Proxy.BaseUrl, "v1"),
            AnthropicBaseUrl = server.Proxy.BaseUrl,
            AnthropicApiKey = "sk-ant-local-test-key",
            GetEnvironmentVariable = _ => null,
        };
        using var model = ChatClientFactory.Create($"{provider}:smollm2-shape", settings);

        // A short draft and one round keep the run short; the reviewer keeps its re-asks.
        var writer = new Agent("writer", model) { MaxOutputTokens = 16 };
        var editor = new Agent("editor", model) { MaxOutputTokens = LlamaServerFixture.TokenLimit };
        var loop = Pipeline.ReviewLoop("polish", writer, editor, new ReviewLoopOptions { VerdictFormat = ReviewVerdictFormat.Json, MaxRounds = 1 });

        var clock = Stopwatch.StartNew();
        var result = await new HandoffRunner().RunAsync(loop, "Announce a bottle that keeps drinks cold for 24 hours.", TestContext.Current.CancellationToken);
        clock.Stop();

        Assert.IsType<RunEnded>(result.Journal[^1]);
        var editorCalls = result.Journal.OfType<AgentCalled>().Where(c => c.Agent == "editor").ToList();
        Assert.NotEmpty(editorCalls);
        Assert.All(editorCalls, c => Assert.Equal(mechanism, c.StructuredOutput?.Value));
        Assert.All(editorCalls, c => Assert.Equal(LlamaServerFixture.TokenLimit, c.MaxOutputTokens));

        // The server received Baton's verdict schema on every reviewer call.
        var schemas = server.Proxy.Requests
            .Select(r => VerdictSchema(JsonDocument.Parse(r.Body).RootElement))
            .OfType<JsonElement>()
            .ToList();
        Assert.Equal(editorCalls.Count, schemas.Count);
        var verdicts = schemas[0].GetProperty("properties").GetProperty("verdict").GetProperty("enum").EnumerateArray().Select(e => e.GetString());
        Assert.Equal(["approved", "revise"], verdicts);

        // Grammar-constrained noise: a reply is cut at the limit (and journaled so), or a verdict that validates; a
        // server that could not parse its own output answers ModelOutputException, which is not retried.
        var schema = JsonSchema.FromText(schemas[0].GetRawText());
        foreach (var answer in result.Journal.OfType<AgentAnswered>().Where(a => a.Agent == "editor"))
        {
            Assert.True(answer.Truncated || schema.Evaluate(JsonDocument.Parse(answer.Text).RootElement).IsValid, $"editor's reply is neither cut nor a valid verdict: {answer.Text}");
        }

        Assert.All(result.Journal.OfType<AgentFailed>(), f => Assert.Equal("ModelOutputException", f.ErrorType));

        var answers = result.Journal.OfType<AgentAnswered>().ToList();
        var line = string.Create(CultureInfo.InvariantCulture,
            $"| review loop, JSON verdicts (in code, 1 round) | {provider} | {result.Status} | {result.Journal.OfType<AgentCalled>().Count()} | " +
            $"{result.Journal.OfType<AgentCalled>().Count(c => c.Attempt > 1)} | {answers.Count(a => a.Truncated)} | {answers.Sum(a => (a.InputTokens ?? 0) + (a.OutputTokens ?? 0))} | " +
            $"{clock.Elapsed.TotalSeconds:0} | {server.Proxy.Exchanges.Count(r => r.Status >= 500)} |");
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        if (Environment.GetEnvironmentVariable("BATON_SERVER_REPORT") is { Length: > 0 } report)
        {
            await File.AppendAllTextAsync(report, line + "\n", TestContext.Current.CancellationToken);
        }
    }

    private static JsonElement? VerdictSchema(JsonElement request)
    {
        var schema = request.TryGetProperty("response_format", out var format) && format.TryGetProperty("json_schema", out var js) ? js.GetProperty("schema")
            : request.TryGetProperty("tools", out var tools) && tools.GetArrayLength() == 1 ? tools[0].GetProperty("input_schema")
            : (JsonElement?)null;
        return schema is { } s && s.GetProperty("properties").TryGetProperty("verdict", out _) ? s : null;
    }
}
