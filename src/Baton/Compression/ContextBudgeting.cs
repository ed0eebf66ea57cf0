using Baton.Agents;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration;

namespace Baton.Compression;

/// <summary>Applies an agent's context budget to its view before a call, and journals what was compressed.</summary>
internal static class ContextBudgeting
{
    public static int Measure(ITokenCounter counter, Agent agent, AgentView view) =>
        counter.CountTokens(agent.Instructions) + counter.CountTokens(view.ToPrompt());

    public static async ValueTask<AgentView> ApplyAsync(
        RunSession session, Agent agent, int step, AgentView view, System.Collections.Immutable.ImmutableArray<string>? reads, CancellationToken cancellationToken)
    {
        if (agent.ContextBudget is not { } budget)
        {
            return view;
        }

        var counter = session.TokenCounter ?? TiktokenTokenCounter.Default;
        var before = Measure(counter, agent, view);
        if (before <= budget)
        {
            return view;
        }

        var compressor = agent.ContextCompressor ?? session.ContextCompressor ?? ContextCompressors.Default;
        var result = await compressor.CompressAsync(
            new ContextCompressionRequest { Agent = agent, Step = step, View = view, Budget = budget, TokenCounter = counter, Reads = reads, Session = session },
            cancellationToken).ConfigureAwait(false);
        var compressed = result.View;
        if (compressed.OriginalTask != view.OriginalTask || compressed.Intent != view.Intent || !compressed.Constraints.SequenceEqual(view.Constraints)
            || compressed.Note != view.Note || compressed.Role != view.Role)
        {
            throw new InvalidOperationException(
                $"Context compressor {compressor.GetType().Name} changed the task, intent, constraints, note or role of agent '{agent.Name}''s view; compressors may change only outputs and completed steps.");
        }

        var after = Measure(counter, agent, compressed);
        await session.AppendAsync(
            new ContextCompressed
            {
                Step = step,
                Agent = agent.Name,
                Budget = budget,
                TokensBefore = before,
                TokensAfter = after,
                Strategies = result.Strategies,
                DroppedOutputs = result.DroppedOutputs,
                FitsBudget = after <= budget,
            },
            cancellationToken).ConfigureAwait(false);
        return compressed;
    }
}
