using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Baton.Agents;
using Baton.Context;
using Microsoft.Extensions.AI;

namespace Baton.Compression;

/// <summary>
/// Asks a summarizer agent to condense the outputs of a view into one summary that replaces them. The call goes
/// through <see cref="ContextCompressionRequest.CallModelAsync"/>, so it is journaled (as a call of the summarizer agent
/// in the same step) and replayed on resume.
/// </summary>
/// <remarks>When the summarizer fails or answers with nothing, the view is returned unchanged so the next strategy
/// can run. Task, intent and constraints are sent to the summarizer for orientation but never replaced.</remarks>
public sealed class SummarizingCompressor : IContextCompressor
{
    /// <summary>The strategy name written in the journal.</summary>
    public const string StrategyName = "summarize";

    /// <summary>The name the summary is shown under in the agent's view.</summary>
    public const string SummaryOutputName = "summary-of-inputs";

    private readonly Agent _summarizer;

    /// <summary>Creates the strategy.</summary>
    /// <param name="summarizer">The agent that writes the summary; its instructions are its system prompt.</param>
    public SummarizingCompressor(Agent summarizer)
    {
        ArgumentNullException.ThrowIfNull(summarizer);
        _summarizer = summarizer;
    }

    /// <inheritdoc />
    public async ValueTask<ContextCompressionResult> CompressAsync(ContextCompressionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var view = request.View;
        if (view.Outputs.IsDefaultOrEmpty || request.Measure(view) <= request.Budget)
        {
            return new ContextCompressionResult(view);
        }

        var withoutOutputs = request.Measure(view with { Outputs = [] });
        var target = Math.Max(16, request.Budget - withoutOutputs - 32);
        var messages = PromptRenderer.Messages(_summarizer.Instructions, BuildPrompt(view, target));
        var answer = await request.CallModelAsync(_summarizer, messages, cancellationToken).ConfigureAwait(false);
        if (answer is null || string.IsNullOrWhiteSpace(answer.Text))
        {
            return new ContextCompressionResult(view);
        }

        var summary = new HandoffOutput
        {
            Name = SummaryOutputName,
            Value = JsonSerializer.SerializeToElement(answer.Text.Trim(), BatonJsonContext.Default.String),
            ProducedBy = _summarizer.Name,
            Step = request.Step,
            Timestamp = answer.Timestamp,
        };
        return new ContextCompressionResult(view with { Outputs = [summary] })
        {
            Strategies = [StrategyName],
            DroppedOutputs = [.. view.Outputs.Select(o => o.Name)],
        };
    }

    private string BuildPrompt(AgentView view, int targetTokens)
    {
        var sb = new StringBuilder(512);
        PromptRenderer.AppendBrief(sb, view.OriginalTask, view.Intent, view.Constraints);
        PromptRenderer.AppendInstructions(
            sb,
            $"Summarise the inputs below for agent '{view.Role}' in at most {targetTokens.ToString(CultureInfo.InvariantCulture)} tokens. Keep every fact, number, name and source that serves the task; drop repetition and filler.");
        foreach (var output in view.Outputs)
        {
            PromptRenderer.AppendInput(sb, output.Name, output.ProducedBy, output.Step, output.Value);
        }

        PromptRenderer.AppendRole(sb, _summarizer.Name);
        return sb.ToString();
    }
}
