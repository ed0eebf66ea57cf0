using Baton.Agents;
using Baton.Orchestration;
using Baton.Storage.Sqlite;
using Microsoft.Extensions.AI;

namespace Baton.Cli.Tests;

/// <summary><c>baton show</c>: what each call was sent, how it came back and what Baton made of it, beside the call.</summary>
public sealed class ShowCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Show_SupervisorRun_LabelsEachDecisionWithTheAgentBeforeIt()
    {
        using var cli = new CliHarness();
        var run = await cli.RunAsync("run", "samples/02-supervisor/support-desk.yaml", "--json");
        Assert.True(run.ExitCode is 0 or ExitCodes.EndedByGuard or ExitCodes.AwaitingInput, run.ToString());
        var runId = System.Text.Json.JsonDocument.Parse(run.Out).RootElement.GetProperty("run_id").GetString()!;

        var show = await cli.RunAsync("show", runId);

        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Single(show.Out.Split('\n'), line => line.Contains("(start) ->", StringComparison.Ordinal));
        Assert.Contains("output limit 256 tokens", show.Out, StringComparison.Ordinal);
        Assert.Contains("    -> ", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_CutRejectedAndFailedCalls_PrintsEachBesideItsCall()
    {
        using var cli = new CliHarness();
        var runId = await RecordAsync(cli, cancel: false);

        var show = await cli.RunAsync("show", runId);

        Assert.True(show.ExitCode == 0, show.ToString());
        var lines = show.Out.Split('\n');
        var cut = Array.FindIndex(lines, l => l.Contains("CUT at the output-token limit (finish reason length)", StringComparison.Ordinal));
        Assert.True(cut > 0, show.Out);
        Assert.Contains("researcher's reply was rejected (attempt 1", lines[cut + 1], StringComparison.Ordinal);
        Assert.Contains("finish reason stop", show.Out, StringComparison.Ordinal);
        Assert.Matches(@"FAILED after \d+ ms and 1 retry: InvalidOperationException: model down", show.Out);
        Assert.DoesNotContain("1 retries", show.Out, StringComparison.Ordinal);
        Assert.Contains("ended: Failed:", show.Out, StringComparison.Ordinal);
        Assert.Contains("Last output written: 'research'.", show.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("{\"kind\":\"handoff\"", show.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Final output", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_CancelledRun_SaysItCanBeResumedAndNamesNoFinalOutput()
    {
        using var cli = new CliHarness();
        var runId = await RecordAsync(cli, cancel: true);

        var show = await cli.RunAsync("show", runId);

        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("Cancelled (resumable)", show.Out, StringComparison.Ordinal);
        Assert.Contains("It can be continued with 'baton resume'. Last output written: 'research'.", show.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Final output", show.Out, StringComparison.Ordinal);
    }

    /// <summary>Records researcher (a cut reply, then a valid one) then writer (fails, or is cancelled) into the CLI's store.</summary>
    private static async Task<string> RecordAsync(CliHarness cli, bool cancel)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(cli.StorePath)!);
        var store = new SqliteRunStore(cli.StorePath);
        await using var _ = store.ConfigureAwait(false);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var calls = 0;
        var client = new FakeClient((_, ct) =>
        {
            switch (++calls)
            {
                case 1:
                    return new ChatResponse(new ChatMessage(ChatRole.Assistant, "{\"facts\": [\"wheat")) { FinishReason = ChatFinishReason.Length };
                case 2:
                    return new ChatResponse(new ChatMessage(ChatRole.Assistant, "{\"facts\": [\"wheat yields fall\"]}")) { FinishReason = ChatFinishReason.Stop };
                default:
                    if (cancel)
                    {
                        cts.Cancel();
                        ct.ThrowIfCancellationRequested();
                    }

                    var error = new InvalidOperationException("model down");
                    error.Data[BatonChatResponseProperties.Retries] = 1;
                    throw error;
            }
        });
        var pipeline = Pipeline.Sequential(
            "article",
            new Agent("researcher", client) { OutputFormat = AgentOutputFormat.Json, Writes = "research" },
            new Agent("writer", client) { Writes = "draft" });
        var result = await new HandoffRunner(new HandoffRunnerOptions { Store = store }).RunAsync(pipeline, "task", cts.Token);
        return result.RunId;
    }

    private sealed class FakeClient(Func<IEnumerable<ChatMessage>, CancellationToken, ChatResponse> respond) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(respond(messages, cancellationToken));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
