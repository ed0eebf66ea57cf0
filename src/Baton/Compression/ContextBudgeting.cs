using System.Collections.Immutable;
using Baton.Agents;
using Baton.Context;
using Baton.Journal;
using Microsoft.Extensions.AI;

namespace Baton.Compression;

/// <summary>Applies an agent's context budget to its view before a call: measures it and, when it is over, compresses it.</summary>
/// <remarks>Takes data and returns values: the turn pipeline journals the <see cref="ContextCompressed"/> event it returns.</remarks>
internal static class ContextBudgeting
{
    public static int Measure(ITokenCounter counter, Agent agent, AgentView view) =>
        counter.CountTokens(agent.Instructions) + counter.CountTokens(view.ToPrompt());

    /// <summary>Returns the view to use and, when it was compressed, the event that says how.</summary>
    /// <exception cref="InvalidOperationException">The compressor changed what it may not (task, intent, constraints, note, role).</exception>
    public static async ValueTask<(AgentView View, ContextCompressed? Compressed)> ApplyAsync(
        Agent agent,
        int step,
        AgentView view,
        ImmutableArray<string>? reads,
        ITokenCounter? runCounter,
        IContextCompressor? runCompressor,
        Func<Agent, IList<ChatMessage>, CancellationToken, ValueTask<AgentAnswered?>> modelCalls,
        CancellationToken cancellationToken)
    {
        if (agent.ContextBudget is not { } budget)
        {
            return (view, null);
        }

        var counter = runCounter ?? TiktokenTokenCounter.Default;
        var before = Measure(counter, agent, view);
        if (before <= budget)
        {
            return (view, null);
        }

        var compressor = agent.ContextCompressor ?? runCompressor ?? ContextCompressors.Default;
        var result = await compressor.CompressAsync(
            new ContextCompressionRequest { Agent = agent, Step = step, View = view, Budget = budget, TokenCounter = counter, Reads = reads, ModelCalls = modelCalls },
            cancellationToken).ConfigureAwait(false);
        var compressed = result.View;
        if (compressed.OriginalTask != view.OriginalTask || compressed.Intent != view.Intent || !compressed.Constraints.SequenceEqual(view.Constraints)
            || compressed.Note != view.Note || compressed.Role != view.Role)
        {
            throw new InvalidOperationException(
                $"Context compressor {compressor.GetType().Name} changed the task, intent, constraints, note or role of agent '{agent.Name}''s view; compressors may change only outputs and completed steps.");
        }

        var after = Measure(counter, agent, compressed);
        return (compressed, new ContextCompressed
        {
            Step = step,
            Agent = agent.Name,
            Budget = budget,
            TokensBefore = before,
            TokensAfter = after,
            Strategies = result.Strategies,
            DroppedOutputs = result.DroppedOutputs,
            FitsBudget = after <= budget,
        });
    }
}
