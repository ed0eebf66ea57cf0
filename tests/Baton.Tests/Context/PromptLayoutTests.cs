using System.Text.Json;
using Baton.Agents;
using Baton.Compression;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration.Supervisor;
using Baton.Testing;
using Baton.Tests.Compression;
using Microsoft.Extensions.AI;

namespace Baton.Tests.Context;

/// <summary>An agent's view, a supervisor's prompt and a summarizer's prompt are written by one renderer, in one layout.</summary>
public class PromptLayoutTests
{
    private const string Brief = "## Task\nRefund the May invoice\n\n## Intent\nThe customer is owed money\n\n## Constraints\n- Never promise a refund date.\n";

    private static readonly HandoffContext s_context = HandoffContext.Create("Refund the May invoice", "The customer is owed money", ["Never promise a refund date."])
        .WithOutput(new HandoffOutput { Name = "billing", Value = JsonSerializer.SerializeToElement("Charged twice."), ProducedBy = "billing", Step = 1, Timestamp = DateTimeOffset.UnixEpoch })
        .WithCompletedStep(new CompletedStep(1, "billing", "wrote 'billing'"));

    [Fact]
    public void Prompts_AgentViewAndSupervisor_OpenWithTheSameBriefAndStepsHeading()
    {
        var agent = s_context.ForAgent("writer", ["billing"]).ToPrompt();
        var supervisor = SupervisorPrompt.Build("dispatcher", string.Empty, s_context, [new SupervisorStepSummary(1, "billing", string.Empty, "billing", "Charged twice.")], [("billing", "Invoices.")], 3)[^1].Text;

        Assert.StartsWith(Brief + "\n## Completed steps\n1. billing: ", agent, StringComparison.Ordinal);
        Assert.StartsWith(Brief + "\n## Completed steps\n1. billing: ", supervisor, StringComparison.Ordinal);
        Assert.EndsWith("## Your role\nwriter\n", agent, StringComparison.Ordinal);
        Assert.EndsWith("## Your role\ndispatcher\n", supervisor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompts_Summarizer_UsesTheSameBriefInputAndRoleSections()
    {
        IList<ChatMessage>? sent = null;
        var summarizer = new Agent("summarizer", new ScriptedChatClient()) { Instructions = "Summarise." };
        var view = s_context.ForAgent("writer", ["billing"]);
        var request = new ContextCompressionRequest
        {
            Agent = CompressionFixtures.Request(view, 10).Agent,
            Step = 2,
            View = view,
            Budget = 10,
            TokenCounter = TiktokenTokenCounter.Default,
            ModelCalls = (_, messages, _) =>
            {
                sent = messages;
                return ValueTask.FromResult<AgentAnswered?>(null);
            },
        };

        await new SummarizingCompressor(summarizer).CompressAsync(request, TestContext.Current.CancellationToken);

        var prompt = Assert.IsType<IList<ChatMessage>>(sent, exactMatch: false)[^1].Text;
        Assert.StartsWith(Brief + "\n## Instructions for this turn\nSummarise the inputs below for agent 'writer'", prompt, StringComparison.Ordinal);
        Assert.Contains("## Input `billing` (from billing, step 1)\nCharged twice.\n", view.ToPrompt(), StringComparison.Ordinal);
        Assert.Contains("## Input `billing` (from billing, step 1)\nCharged twice.\n", prompt, StringComparison.Ordinal);
        Assert.EndsWith("## Your role\nsummarizer\n", prompt, StringComparison.Ordinal);
    }
}
