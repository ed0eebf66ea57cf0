using System.Text.Json;
using Baton.Agents;
using Baton.Humans;
using Baton.Journal;
using Microsoft.Extensions.AI;

namespace Baton.Orchestration.Turns;

/// <summary>
/// How a turn's reply is read: the structured output it asks the provider for, the parser and contract that turn
/// the reply text into a value (or the problems to re-ask with), and how each attempt is journaled. One turn
/// pipeline runs every reader (agent outputs, supervisor decisions, review verdicts), so there is one re-ask loop.
/// </summary>
/// <remarks>Readers are pure: deterministic given the reply, no I/O, so a resumed run reads its recorded replies the same way.</remarks>
internal abstract class ReplyReader
{
    /// <summary>Gets the structured output to request (<c>ChatOptions.ResponseFormat</c>), if any.</summary>
    public virtual ChatResponseFormat? ResponseFormat => null;

    /// <summary>Gets whether the reply must be JSON: a reply cut at the output-token limit is then unusable.</summary>
    public virtual bool ExpectsJson => false;

    /// <summary>Gets whether the run-wide guards are checked before every attempt, re-asks included.</summary>
    public virtual bool GuardsEachAttempt => false;

    /// <summary>Gets whether the agent's own fallback applies when the turn fails.</summary>
    public virtual bool UsesAgentFallback => true;

    /// <summary>Gets the output-token limit for this kind of turn when the agent sets none.</summary>
    public virtual int DefaultMaxOutputTokens => BatonDefaults.AgentMaxOutputTokens;

    /// <summary>Gets what the turn's reply is called in a failure reason (for example "an unusable reply").</summary>
    public virtual string WhatFailed => "an unusable reply";

    /// <summary>Gets how many re-asks <paramref name="caller"/> gets.</summary>
    public virtual int MaxReasks(Agent caller) => caller.MaxReasks;

    /// <summary>Reads a reply. Must not throw for any text (the pipeline turns a throw into a rejection anyway).</summary>
    public abstract ReplyReading Read(string text);

    /// <summary>Reads an agent fallback's fixed answer.</summary>
    public virtual ReplyReading ReadFixedAnswer(JsonElement answer) => Read(answer.ValueKind == JsonValueKind.String ? answer.GetString()! : answer.GetRawText());

    /// <summary>Gets the event that records an accepted reply, if the reader journals acceptances (decisions, verdicts).</summary>
    public virtual JournalEvent? Accepted(int step, string agent, int attempt, ReplyReading reading) => null;

    /// <summary>Gets the event that records a rejected reply when it is not journaled as a validation failure.</summary>
    public virtual JournalEvent Rejected(int step, string agent, int attempt, ReplyReading reading) =>
        throw new InvalidOperationException($"{GetType().Name} journals every rejection as a validation failure.");

    /// <summary>Gets the contract named on validation failures, if any.</summary>
    public virtual string? ContractName => null;

    /// <summary>
    /// Gets the reading of a reply that could not be read at all: cut at the output-token limit where JSON is
    /// expected, refused by the provider (<see cref="Resilience.ModelOutputException"/>), or one the parser threw on.
    /// </summary>
    public virtual ReplyReading Unusable(string problem, string fix) => ReplyReading.Reject(problem, fix);

    /// <summary>Gets what a turn that spent its re-asks yields instead of failing, if anything (a review verdict counts as a revision request).</summary>
    public virtual ReplyReading? OnExhausted(ReplyReading last) => null;

    /// <summary>Gets what kind of answer a person gives this turn.</summary>
    public virtual HumanInputKind HumanInput => ExpectsJson ? HumanInputKind.Json : HumanInputKind.Text;

    /// <summary>Gets the JSON schema a person's answer must satisfy, if any.</summary>
    public virtual JsonElement? ContractSchema => null;

    /// <summary>
    /// Turns a person's answer into the reply text this reader reads (the text journaled on <see cref="InputProvided"/>),
    /// or says why this turn cannot take that kind of answer.
    /// </summary>
    public virtual string? ReplyFor(HumanAnswer answer, out string? problem)
    {
        switch (answer.Kind)
        {
            case HumanAnswerKind.Text:
                problem = null;
                return answer.Text!;
            case HumanAnswerKind.Json when JsonText.TryFindInvalidText(answer.Value!.Value, out var path):
                // Such a string cannot be read as text, validated or journaled.
                problem = $"The answer holds a string that is not valid Unicode (a lone UTF-16 surrogate such as \\ud83d){(path.Length == 0 ? string.Empty : $" at '{path}'")}. Write the character itself, or a complete surrogate pair.";
                return null;
            case HumanAnswerKind.Json:
                problem = null;

                // A JSON string given for a text answer is that text, not its quoted form.
                return HumanInput == HumanInputKind.Text && answer.Value!.Value.ValueKind == JsonValueKind.String
                    ? answer.Value.Value.GetString()!
                    : answer.Value!.Value.GetRawText();
            default:
                problem = $"This step asks for {(HumanInput == HumanInputKind.Json ? "a JSON value" : "a text answer")}, not an approval or a rejection: those answer a review or an approval step. Answer with text{(HumanInput == HumanInputKind.Json ? " holding the JSON value" : string.Empty)}.";
                return null;
        }
    }

    /// <summary>Reads a person's reply: like <see cref="Read"/>, but a reply a model would be re-asked for (or that would count as a revision request) is refused, so the person can correct it.</summary>
    public virtual ReplyReading ReadHuman(string text) => Read(text);
}
