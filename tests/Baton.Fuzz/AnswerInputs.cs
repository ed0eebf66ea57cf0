using CsCheck;

namespace Baton.Fuzz;

/// <summary>Generators of people's answers: text, JSON values, approvals and rejections, for each kind of step a person answers.</summary>
internal static class AnswerInputs
{
    /// <summary>What kind of step the answer goes to.</summary>
    public enum Step
    {
        /// <summary>A JSON output held to a contract.</summary>
        Contract,

        /// <summary>A free-text output.</summary>
        Text,

        /// <summary>An approval gate: a review loop's reviewer.</summary>
        Verdict,
    }

    /// <summary>How the answer is given (<c>HumanAnswer.FromText</c>, <c>FromJson</c>, <c>Approve</c>, <c>Reject</c>).</summary>
    public enum Kind
    {
        /// <summary>Text.</summary>
        Text,

        /// <summary>A JSON value (text that is not JSON is given as text).</summary>
        Json,

        /// <summary>An approval with the text as its comment.</summary>
        Approve,

        /// <summary>A rejection with the text as its feedback (whitespace is given as text: <c>Reject</c> requires feedback).</summary>
        Reject,
    }

    /// <summary>One answer: the step, how it is given, and its text.</summary>
    public sealed record Case(Step Step, Kind Kind, string Text);

    private static readonly string[] s_tokens = [.. Mutator.CommonTokens, "APPROVED:", "REVISE:", "approved", "revise", "\"verdict\"", "\"feedback\"", "\"action\"", "refund", "decline", "\"amount\"", "-5", "1001"];

    private static readonly Gen<string> s_seed = Gen.Frequency(
        (3, JsonInputs.Object("action", "amount", "note")),
        (4, Gen.OneOf<string>("{\"action\": \"refund\", \"amount\": 19.99}", "{\"action\": \"decline\"}", "{\"action\": \"refund\", \"amount\": 5000}", "{\"action\": \"maybe\"}", "[\"refund\"]", "\"refund\"")),
        (2, Gen.OneOf<string>("APPROVED: looks good", "REVISE: say the amount", "approved:", "REVISE:", "I approve", "**APPROVED:**", "{\"verdict\": \"approved\", \"feedback\": \"\"}", "{\"verdict\": \"revise\", \"feedback\": \"x\"}")),
        (2, JsonInputs.StringBody),
        (1, JsonInputs.Value));

    /// <summary>Answers, mutated at the text level; now and then one just past the longest answer taken.</summary>
    public static readonly Gen<Case> Answer = Gen.Select(
        Gen.Enum<Step>(),
        Gen.Enum<Kind>(),
        Gen.Frequency((400, Mutator.Mutate(s_seed, s_tokens)), (1, Gen.Const(new string('x', BatonDefaults.HumanAnswerMaxChars + 1)))),
        (step, kind, text) => new Case(step, kind, text));
}
