using System.Text.Json;
using Baton.Context;
using Baton.Evaluation.Internal;
using Baton.Evaluation.Judges;
using Baton.Journal;
using Baton.Orchestration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Baton.Evaluation.Expectations;

/// <summary>What an expectation is checked against: one run of a case (read from its journal) and the services a check may use.</summary>
/// <remarks>Read-only; one instance per run, used by that run's checks one after another.</remarks>
public sealed class ExpectationContext
{
    private readonly JudgeService _judges;

    internal ExpectationContext(EvalCase evalCase, int repeat, string status, string reason, RunResult? run, IReadOnlyList<EvalStep> steps, Orchestration.Orchestration orchestration, bool isRehearsal, JudgeService judges)
    {
        Case = evalCase;
        Repeat = repeat;
        Status = status;
        Reason = reason;
        Run = run;
        Steps = steps;
        Orchestration = orchestration;
        IsRehearsal = isRehearsal;
        _judges = judges;
    }

    /// <summary>Gets the case.</summary>
    public EvalCase Case { get; }

    /// <summary>Gets which repetition of the case this run is (1-based).</summary>
    public int Repeat { get; }

    /// <summary>Gets the run's status name (see <see cref="CaseStatus"/>).</summary>
    public string Status { get; }

    /// <summary>Gets why the run ended (or why it never started).</summary>
    public string Reason { get; }

    /// <summary>Gets the run's result, read from its journal; <see langword="null"/> when the run was rejected before it started or could not be read.</summary>
    public RunResult? Run { get; }

    /// <summary>Gets the run's steps, folded from its journal.</summary>
    public IReadOnlyList<EvalStep> Steps { get; }

    /// <summary>Gets the orchestration the case ran on (its agents carry their output contracts).</summary>
    public Orchestration.Orchestration Orchestration { get; }

    /// <summary>Gets whether the pipeline ran in rehearsal: agents answered with placeholders, not a model.</summary>
    public bool IsRehearsal { get; }

    /// <summary>Finds an output of the run: the named one, or the run's final output.</summary>
    /// <param name="name">The output name, or <see langword="null"/> for the final output.</param>
    /// <param name="output">The output, when found.</param>
    /// <param name="problem">Why it was not found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool TryGetOutput(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HandoffOutput? output, out string problem)
    {
        output = null;
        if (Run is null)
        {
            problem = $"there is no run to read ({Status}: {Reason})";
            return false;
        }

        if (name is null)
        {
            output = Run.FinalOutput;
            problem = output is null ? $"the run recorded no final output ({Status})" : string.Empty;
            return output is not null;
        }

        if (Run.Context.TryGetOutput(name, out output))
        {
            problem = string.Empty;
            return true;
        }

        var known = Run.Context.Outputs.Keys.Order(StringComparer.Ordinal).ToList();
        problem = $"the run recorded no output '{name}'" + (known.Count == 0 ? string.Empty : $" (it recorded: {string.Join(", ", known)})");
        return false;
    }

    /// <summary>
    /// Gets the outputs an output was made from, read from the journal: what its producer read at its handoff, and
    /// what those were made from, and so on. With <paramref name="originsOnly"/>, only the outputs at the start of
    /// that chain (made from the task alone), such as the research a writer's draft and an editor's article rest on.
    /// </summary>
    /// <param name="output">The output.</param>
    /// <param name="originsOnly">Whether to keep only the outputs made from no other output.</param>
    /// <returns>The outputs, earliest first.</returns>
    public IReadOnlyList<HandoffOutput> UpstreamOf(HandoffOutput output, bool originsOnly)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Run is null ? [] : OutputLineage.Upstream(Run.Journal, output, originsOnly);
    }

    /// <summary>Gets an output's value as text: a JSON string's text, else the JSON.</summary>
    /// <param name="output">The output.</param>
    /// <returns>The text.</returns>
    public static string TextOf(HandoffOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.Value.ValueKind == JsonValueKind.String ? output.Value.GetString()! : output.Value.GetRawText();
    }

    /// <summary>Finds an evaluator registered in <see cref="EvalOptions.Evaluators"/>.</summary>
    /// <param name="name">The evaluator's name.</param>
    /// <returns>The evaluator, or <see langword="null"/>.</returns>
    public IEvaluator? FindEvaluator(string name) => _judges.FindEvaluator(name);

    /// <summary>
    /// Runs a Microsoft.Extensions.AI.Evaluation evaluator with the judge model (the expectation's, else the
    /// evaluation's default), journals its model calls as a run of their own, and turns its result into a verdict:
    /// a metric that is interpreted as failed (or a <see cref="BooleanMetric"/> that is false) fails the expectation;
    /// an error diagnostic, an exception or a result with no verdict is an error.
    /// </summary>
    /// <param name="expectation">The expectation being checked.</param>
    /// <param name="evaluator">The evaluator.</param>
    /// <param name="model">The judge model named by the expectation, or <see langword="null"/> for the default.</param>
    /// <param name="messages">The conversation being judged (the task as the user asked it).</param>
    /// <param name="response">The response being judged (an output of the run).</param>
    /// <param name="additionalContext">What the evaluator needs besides (a rubric, grounding sources).</param>
    /// <param name="cancellationToken">A token to cancel the evaluation.</param>
    /// <returns>The result; not evaluated when no judge model is available.</returns>
    public ValueTask<ExpectationResult> EvaluateAsync(
        Expectation expectation,
        IEvaluator evaluator,
        string? model,
        IReadOnlyList<ChatMessage> messages,
        ChatResponse response,
        IReadOnlyList<EvaluationContext> additionalContext,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(additionalContext);
        return _judges.EvaluateAsync(expectation, evaluator, model, this, messages, response, additionalContext, cancellationToken);
    }

    /// <summary>Builds the conversation a judge sees for this run: one user message with the task, intent and constraints.</summary>
    /// <returns>The messages.</returns>
    public IReadOnlyList<ChatMessage> TaskMessages()
    {
        var context = Run?.Context;
        var text = context is null
            ? Case.Task
            : $"{context.OriginalTask}\n\nIntent: {context.Intent}" + (context.Constraints.IsDefaultOrEmpty ? string.Empty : $"\nConstraints: {string.Join("; ", context.Constraints)}");
        return [new ChatMessage(ChatRole.User, text)];
    }
}
