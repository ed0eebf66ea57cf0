using Baton.Agents;
using Baton.Humans;
using Baton.Journal;
using Baton.Orchestration.Turns;
using Microsoft.Extensions.AI;

namespace Baton.Orchestration.Review;

/// <summary>
/// Reads a reviewer's reply as a verdict, recorded as a <see cref="ReviewVerdictRecorded"/> event. An empty reply is
/// an unusable reply like any other (journaled as a validation failure and re-asked); a reply with no verdict is
/// <see cref="ReviewVerdictKind.Unreadable"/>: a revision request whose feedback says what was wrong, or re-asked
/// first when <see cref="ReviewLoopOptions.ReaskUnreadableVerdicts"/> is set.
/// </summary>
internal sealed class VerdictReader(string loop, int round, string draft, ReviewLoopOptions options) : ReplyReader
{
    /// <inheritdoc />
    public override ChatResponseFormat? ResponseFormat => options.VerdictFormat == ReviewVerdictFormat.Json ? ReplySchemas.Verdict : null;

    /// <inheritdoc />
    public override bool ExpectsJson => options.VerdictFormat == ReviewVerdictFormat.Json;

    /// <inheritdoc />
    public override int DefaultMaxOutputTokens => BatonDefaults.ReviewerMaxOutputTokens;

    /// <inheritdoc />
    public override ReplyReading Read(string text)
    {
        if (!AgentOutputParser.TryParse(text, AgentOutputFormat.Text, out _, out var empty))
        {
            return ReplyReading.Reject(empty!, "Reply again with the corrected answer only.");
        }

        if (ReviewVerdictParser.TryParse(text, options.VerdictFormat, out var verdict, out var error))
        {
            return ReplyReading.Accept(null, verdict);
        }

        var unreadable = Unreadable(error, text);
        return options.ReaskUnreadableVerdicts
            ? ReplyReading.Reject(error, string.Empty, journalAsValidation: false, parsed: unreadable)
            : ReplyReading.Accept(null, unreadable);
    }

    /// <inheritdoc />
    public override HumanInputKind HumanInput => HumanInputKind.Verdict;

    /// <inheritdoc />
    public override string? ReplyFor(HumanAnswer answer, out string? problem)
    {
        problem = null;
        var json = options.VerdictFormat == ReviewVerdictFormat.Json;
        return answer.Kind switch
        {
            HumanAnswerKind.Approve when json => JsonVerdict(ReviewVerdictKind.Approved.Value, answer.Text),
            HumanAnswerKind.Approve => answer.Text is { } comment ? $"{ReviewVerdictParser.ApprovedKeyword}: {comment}" : $"{ReviewVerdictParser.ApprovedKeyword}:",
            HumanAnswerKind.Reject when json => JsonVerdict(ReviewVerdictKind.Revise.Value, answer.Text),
            HumanAnswerKind.Reject => $"{ReviewVerdictParser.ReviseKeyword}: {answer.Text}",
            _ => base.ReplyFor(answer, out problem),
        };
    }

    /// <inheritdoc />
    public override ReplyReading ReadHuman(string text)
    {
        var reading = Read(text);
        return reading.Parsed is UnreadableVerdict unreadable
            ? ReplyReading.Reject($"{unreadable.Error} A person's verdict must approve, or ask for a revision with feedback.", string.Empty)
            : reading;
    }

    /// <inheritdoc />
    public override ReplyReading Unusable(string problem, string fix) =>
        ReplyReading.Reject(problem, fix, parsed: new UnreadableVerdict(problem, $"The reviewer's reply could not be used ({problem})"));

    /// <inheritdoc />
    public override ReplyReading? OnExhausted(ReplyReading last) =>
        last.Parsed is UnreadableVerdict unreadable ? ReplyReading.Accept(null, unreadable) : null;

    /// <inheritdoc />
    public override JournalEvent Accepted(int step, string agent, int attempt, ReplyReading reading) => reading.Parsed switch
    {
        ReviewVerdict verdict => Event(step, agent, verdict.Kind, verdict.Feedback, null),
        UnreadableVerdict unreadable => Event(step, agent, ReviewVerdictKind.Unreadable, null, unreadable.Error),
        _ => throw new InvalidOperationException("A verdict reading holds no verdict."),
    };

    /// <inheritdoc />
    public override JournalEvent Rejected(int step, string agent, int attempt, ReplyReading reading) =>
        Event(step, agent, ReviewVerdictKind.Unreadable, null, reading.Problem);

    private ReviewVerdictRecorded Event(int step, string agent, ReviewVerdictKind kind, string? feedback, string? parseError) => new()
    {
        Step = step,
        Agent = agent,
        Loop = loop,
        Round = round,
        Verdict = kind,
        Feedback = feedback,
        Draft = draft,
        ParseError = parseError,
    };

    private static string JsonVerdict(string verdict, string? feedback)
    {
        var value = new System.Text.Json.Nodes.JsonObject { ["verdict"] = verdict };
        if (feedback is not null)
        {
            value["feedback"] = feedback;
        }

        return value.ToJsonString();
    }

    private static UnreadableVerdict Unreadable(string error, string text) =>
        new(error, $"The reviewer's reply held no verdict ({error}) It said: {Clip(text)}");

    private static string Clip(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");

    /// <summary>A reply that held no verdict: a revision request whose feedback is what was wrong and what the reviewer said.</summary>
    /// <param name="Error">What was wrong with the reply.</param>
    /// <param name="Feedback">The feedback the writer receives.</param>
    internal sealed record UnreadableVerdict(string Error, string Feedback);
}
