using System.Text.Json;
using Baton.Agents;
using Baton.Humans;
using Baton.Orchestration;
using Baton.Storage.Sqlite;
using Baton.Validation;
using Microsoft.Extensions.AI;

namespace Baton.Cli.Tests.Humans;

/// <summary>Writes runs that wait for a person into a CLI test's store with the library, for the commands that only read journals.</summary>
internal static class WaitingRuns
{
    public static SequentialPipeline Desk() => Pipeline.Sequential(
        "desk",
        new Agent("triage", new FixedChatClient("Double charge on invoice 42.")),
        new Agent("lead", new HumanParticipant { Question = "Decide the resolution for this escalated case.", Assignee = "support-leads", Timeout = TimeSpan.FromHours(4) })
        {
            Writes = "resolution",
            Contract = OutputContract.FromSchema(
                JsonDocument.Parse("""{"type":"object","required":["action"],"properties":{"action":{"type":"string","enum":["refund","decline"]}}}""").RootElement,
                "resolution"),
        });

    public static async Task<string> StartAsync(CliHarness cli, TimeProvider? time = null)
    {
        await using var store = new SqliteRunStore(cli.StorePath);
        var result = await new HandoffRunner(new HandoffRunnerOptions { Store = store, TimeProvider = time ?? TimeProvider.System })
            .RunAsync(Desk(), "Customer charged twice threatens to cancel.", TestContext.Current.CancellationToken);
        Assert.Equal(RunStatus.AwaitingInput, result.Status);
        return result.RunId;
    }

    public static async Task AnswerAsync(CliHarness cli, string runId, string answer, string respondent)
    {
        await using var store = new SqliteRunStore(cli.StorePath);
        var result = await new HandoffRunner(new HandoffRunnerOptions { Store = store })
            .ProvideInputAsync(Desk(), runId, HumanAnswer.FromText(answer), respondent, TestContext.Current.CancellationToken);
        Assert.True(result.IsAccepted, result.ToString());
    }

    /// <summary>A model that always gives the same reply.</summary>
    private sealed class FixedChatClient(string reply) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply)));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
