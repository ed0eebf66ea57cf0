using System.Collections.Immutable;
using Baton.Agents;
using Baton.Guards;
using Baton.Journal;

namespace Baton.Orchestration.Review;

/// <summary>
/// Handoff model 3: a writer drafts, a reviewer approves or asks for a revision with specific feedback, until the
/// reviewer approves or the round limit is reached.
/// </summary>
/// <remarks>
/// <para><b>Verdicts</b> are read from the reviewer's reply only, by <see cref="ReviewVerdictParser"/> in the
/// configured <see cref="ReviewLoopOptions.VerdictFormat"/>, in the same turn pipeline as every agent's output
/// (JSON verdicts are requested as structured output, with the reviewer's output-token limit,
/// <see cref="BatonDefaults.ReviewerMaxOutputTokens"/> when unset). Whatever the writer puts in its draft (even
/// <c>APPROVED:</c>) is never a verdict. A reply that holds no verdict counts as a revision request whose feedback
/// is the parse problem and the reviewer's reply (re-asked first with <see cref="ReviewLoopOptions.ReaskUnreadableVerdicts"/>).
/// Each verdict is a <see cref="ReviewVerdictRecorded"/> event.</para>
/// <para><b>Revisions</b> get the reviewer's feedback as the writer's turn instructions, on top of the original task,
/// intent and constraints every view carries, and the previous draft (the writer reads its own output).</para>
/// <para><b>Round limit.</b> After <see cref="ReviewLoopOptions.MaxRounds"/> rounds without approval the run ends
/// with <see cref="RunStatus.RoundLimitReached"/> after the declared <see cref="ReviewLoopOptions.OnRoundLimit"/>.
/// The best draft is defined as <b>the last draft</b>: it is the writer's output <see cref="ResultOutput"/>, which
/// becomes the run's final output (the reviewer's replies are not recorded as outputs).</para>
/// <para><b>Approval gates.</b> A reviewer that a person answers (<see cref="Agent(string, Humans.HumanParticipant)"/>)
/// makes the loop an approval gate: the draft is not forwarded until they approve it; a rejection sends it back with
/// their feedback, bounded by <see cref="ReviewLoopOptions.MaxRounds"/>. Their verdict is read by the same parser;
/// an answer that holds no verdict is refused, so they can correct it.</para>
/// <para>Keeps no run state; the round and feedback are rebuilt as the run (or its replay) proceeds.</para>
/// </remarks>
public sealed class ReviewLoop : Orchestration
{
    private readonly ImmutableArray<string>? _revisionReads;

    /// <summary>Creates a review loop and checks it.</summary>
    /// <param name="name">The loop's name.</param>
    /// <param name="writer">The agent that writes and revises the draft (its output is the draft).</param>
    /// <param name="reviewer">The agent that reviews each draft.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="OrchestrationConfigurationException">The loop is not valid; the message lists every problem.</exception>
    public ReviewLoop(string name, Agent writer, Agent reviewer, ReviewLoopOptions? options = null)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reviewer);
        Writer = writer;
        Reviewer = reviewer;
        Options = options ?? ReviewLoopOptions.Default;
        ResultOutput = writer.OutputName;
        ReviewerReads = [.. (reviewer.Reads ?? []).Append(writer.OutputName).Distinct(StringComparer.Ordinal)];
        Inputs = [.. (writer.Reads ?? []).Concat(reviewer.Reads ?? []).Where(r => r != writer.OutputName).Distinct(StringComparer.Ordinal)];
        Outputs = [writer.OutputName];
        _revisionReads = writer.Reads is { } reads ? [.. reads.Append(writer.OutputName).Distinct(StringComparer.Ordinal)] : null;
        Validate(Inputs);
    }

    /// <summary>Gets the agent that writes and revises the draft.</summary>
    public Agent Writer { get; }

    /// <summary>Gets the agent that reviews each draft.</summary>
    public Agent Reviewer { get; }

    /// <summary>Gets the options.</summary>
    public ReviewLoopOptions Options { get; }

    /// <summary>Gets the outputs the reviewer reads: its declared reads plus the draft.</summary>
    public ImmutableArray<string> ReviewerReads { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Inputs { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Outputs { get; }

    /// <inheritdoc />
    public override string ResultOutput { get; }

    /// <inheritdoc />
    public override IEnumerable<Agent> Agents =>
        Options.OnRoundLimit?.Agent is { } fallback ? [Writer, Reviewer, fallback] : [Writer, Reviewer];

    /// <inheritdoc />
    public override async ValueTask<StepOutcome> ExecuteAsync(IRunContext run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        string? feedback = null;
        for (var round = 1; round <= Options.MaxRounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var draft = await run.RunTurnAsync(Writer, new AgentTurn { Reads = feedback is null ? Writer.Reads : _revisionReads, Note = feedback is null ? null : RevisionNote(round, feedback) }, cancellationToken).ConfigureAwait(false);
            if (!draft.Outcome.IsCompleted)
            {
                return draft.Outcome;
            }

            var review = await run.RunTurnAsync(
                Reviewer,
                new AgentTurn { Reads = ReviewerReads, Note = ReviewNote(round), RecordOutput = false, Reader = new VerdictReader(Name, round, Writer.OutputName, Options) },
                cancellationToken).ConfigureAwait(false);
            if (!review.Outcome.IsCompleted)
            {
                return review.Outcome;
            }

            switch (review.Parsed)
            {
                case ReviewVerdict { IsApproved: true }:
                    return StepOutcome.Completed;
                case ReviewVerdict verdict:
                    feedback = verdict.Feedback;
                    break;
                case VerdictReader.UnreadableVerdict unreadable:
                    feedback = unreadable.Feedback;
                    break;
                default:
                    throw new InvalidOperationException($"Review loop '{Name}': the reviewer's turn returned no verdict.");
            }
        }

        var stop = new GuardStop(Name, GuardKind.RoundLimit, RunStatus.RoundLimitReached, $"Review loop '{Name}' reached its limit of {Options.MaxRounds} rounds without approval; the result is the last draft '{Writer.OutputName}'.")
        {
            Limit = LimitKind.ReviewMaxRounds,
        };
        return await run.StopAsync(stop, Options.OnRoundLimit, ResultOutput, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected internal override void CollectErrors(ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Options.CollectErrors(Name, errors);
        if (ReferenceEquals(Writer, Reviewer) || Writer.Name == Reviewer.Name)
        {
            errors.Add($"Review loop '{Name}': the writer and the reviewer are both '{Writer.Name}'. Use two agents, so no agent approves its own draft.");
        }

        if (Reviewer.OutputName == Writer.OutputName && !ReferenceEquals(Writer, Reviewer))
        {
            errors.Add($"Review loop '{Name}': reviewer '{Reviewer.Name}' writes '{Reviewer.OutputName}', the writer's draft (Agent.Writes). Give the reviewer its own output name.");
        }
    }

    private string ReviewNote(int round) => Reviewer.Human is not null
        ? $"Review the draft '{Writer.OutputName}' (round {round} of {Options.MaxRounds}) against the task, intent and constraints: approve it, or reject it with the specific changes required."
        : Options.VerdictFormat == ReviewVerdictFormat.Json
        ? $"Review the draft '{Writer.OutputName}' (round {round} of {Options.MaxRounds}) against the task, intent and constraints. Answer with only {{\"verdict\": \"approved\" or \"revise\", \"feedback\": \"the specific changes required\"}}."
        : $"Review the draft '{Writer.OutputName}' (round {round} of {Options.MaxRounds}) against the task, intent and constraints. Start your reply with APPROVED: if it is ready, or REVISE: followed by the specific changes required.";

    private string RevisionNote(int round, string feedback) =>
        $"Revise your draft '{Writer.OutputName}' (round {round} of {Options.MaxRounds}). The reviewer asked for these changes:\n{feedback}\nKeep to the original task and intent above. Reply with the full revised draft only.";

}
