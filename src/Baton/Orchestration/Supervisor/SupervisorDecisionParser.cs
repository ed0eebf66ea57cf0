using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Baton.Orchestration.Supervisor;

/// <summary>
/// Reads a supervisor's reply as a routing decision, strictly:
/// <c>{"next_agent": "&lt;name&gt;|DONE", "context_for_agent": "...", "reasoning": "..."}</c>.
/// </summary>
/// <remarks>
/// <para><b>Where the JSON is taken from.</b> The whole reply when it is one JSON object; otherwise the one object
/// the reply holds, in a <c>```</c> fenced block (any language tag, typically <c>json</c>) or written in its prose.
/// A reply holding two different objects (a quoted earlier decision or an example before the real one, two
/// fenced blocks, two objects in prose) is <see cref="SupervisorDecisionErrorKind.Ambiguous"/>: it is re-asked,
/// never guessed.</para>
/// <para><b>Fields.</b> All three are required and must be JSON strings; property names are matched exactly
/// (snake case). <c>context_for_agent</c> and <c>reasoning</c> may be empty; extra properties are ignored.</para>
/// <para><b>Names.</b> <c>next_agent</c> is trimmed. <c>DONE</c> is matched in any ASCII letter case. An agent name
/// is matched exactly, or ignoring ASCII letter case when that identifies exactly one allowed name; the decision carries the
/// name as declared. Anything else is <see cref="SupervisorDecisionErrorKind.UnknownAgent"/>: only an allowed
/// name can route.</para>
/// <para><b>Text.</b> A reply holding a lone UTF-16 surrogate (raw, or as a <c>\ud83d</c> escape in a string) is
/// <see cref="SupervisorDecisionErrorKind.InvalidText"/>. Replies longer than 1 MiB characters are not searched.</para>
/// <para>Pure and thread-safe; never throws for any reply text.</para>
/// </remarks>
internal static class SupervisorDecisionParser
{
    /// <summary>The field naming the next agent.</summary>
    public const string NextAgentField = "next_agent";

    /// <summary>The field with the context for the chosen agent.</summary>
    public const string ContextForAgentField = "context_for_agent";

    /// <summary>The field with the supervisor's reasoning.</summary>
    public const string ReasoningField = "reasoning";

    /// <summary>Parses a supervisor's reply.</summary>
    /// <param name="reply">The reply text.</param>
    /// <param name="allowedNames">The names the supervisor may route to (<c>DONE</c> is always allowed).</param>
    /// <param name="decision">The decision, when the reply is usable.</param>
    /// <param name="error">What is wrong with the reply, when it is not.</param>
    /// <returns><see langword="true"/> when the reply is a usable decision.</returns>
    public static bool TryParse(
        string? reply,
        IReadOnlyCollection<string> allowedNames,
        [NotNullWhen(true)] out SupervisorDecision? decision,
        [NotNullWhen(false)] out SupervisorDecisionError? error)
    {
        ArgumentNullException.ThrowIfNull(allowedNames);
        decision = null;
        var text = reply?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            error = new(SupervisorDecisionErrorKind.Empty, $"Your reply was empty. {Expected(allowedNames)}");
            return false;
        }

        var found = JsonObjectExtractor.Extract(text);
        if (found.IsFound)
        {
            return TryRead(found.Value, allowedNames, out decision, out error);
        }

        var kind = found.Status switch
        {
            JsonExtractionStatus.WrongKind => SupervisorDecisionErrorKind.NotAnObject,
            JsonExtractionStatus.Ambiguous => SupervisorDecisionErrorKind.Ambiguous,
            JsonExtractionStatus.InvalidText => SupervisorDecisionErrorKind.InvalidText,
            _ => SupervisorDecisionErrorKind.NotJson,
        };
        error = new(kind, $"{found.Describe("JSON object")} {Expected(allowedNames)}");
        return false;
    }

    /// <summary>Describes the expected answer, listing the allowed names.</summary>
    /// <param name="allowedNames">The names the supervisor may route to.</param>
    /// <returns>One sentence, for prompts and error messages.</returns>
    public static string Expected(IReadOnlyCollection<string> allowedNames)
    {
        ArgumentNullException.ThrowIfNull(allowedNames);
        return $"Answer with only one JSON object {{\"{NextAgentField}\": \"<one of: {string.Join(", ", allowedNames.Append(SupervisorDecision.Done))}>\", \"{ContextForAgentField}\": \"...\", \"{ReasoningField}\": \"...\"}}.";
    }

    private static bool TryRead(
        JsonElement root,
        IReadOnlyCollection<string> allowedNames,
        [NotNullWhen(true)] out SupervisorDecision? decision,
        [NotNullWhen(false)] out SupervisorDecisionError? error)
    {
        decision = null;
        string? next = null, context = null, reasoning = null;
        foreach (var (field, setter) in new (string, Action<string>)[]
        {
            (NextAgentField, v => next = v),
            (ContextForAgentField, v => context = v),
            (ReasoningField, v => reasoning = v),
        })
        {
            if (!root.TryGetProperty(field, out var property))
            {
                error = new(SupervisorDecisionErrorKind.MissingField, $"Your JSON has no \"{field}\" field. {Expected(allowedNames)}");
                return false;
            }

            if (property.ValueKind != JsonValueKind.String)
            {
                error = new(SupervisorDecisionErrorKind.WrongType, $"Your \"{field}\" is {Describe(property.ValueKind)}, not a string. {Expected(allowedNames)}");
                return false;
            }

            // The extractor has checked that every string is valid UTF-16, so GetString cannot throw.
            setter(property.GetString()!);
        }

        var name = next!.Trim();
        if (System.Text.Ascii.EqualsIgnoreCase(name, SupervisorDecision.Done))
        {
            decision = new(SupervisorDecision.Done, context!, reasoning!);
            error = null;
            return true;
        }

        var match = allowedNames.FirstOrDefault(n => string.Equals(n, name, StringComparison.Ordinal));
        if (match is null)
        {
            var folded = allowedNames.Where(n => System.Text.Ascii.EqualsIgnoreCase(n, name)).Take(2).ToList();
            match = folded.Count == 1 ? folded[0] : null;
        }

        if (match is null)
        {
            var hint = NameSuggestions.DidYouMean(name, allowedNames) is { } guess ? $" Did you mean '{guess}'?" : string.Empty;
            error = new(SupervisorDecisionErrorKind.UnknownAgent, $"\"{NextAgentField}\" is '{JsonText.Clip(name, 60)}', which is not an agent you can route to.{hint} {Expected(allowedNames)}");
            return false;
        }

        decision = new(match, context!, reasoning!);
        error = null;
        return true;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "not a string",
    };
}
