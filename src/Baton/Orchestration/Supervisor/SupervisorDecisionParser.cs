using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Baton.Orchestration.Supervisor;

/// <summary>
/// Reads a supervisor's reply as a routing decision, strictly:
/// <c>{"next_agent": "&lt;name&gt;|DONE", "context_for_agent": "...", "reasoning": "..."}</c>.
/// </summary>
/// <remarks>
/// <para><b>Where the JSON is taken from</b>, in this order, the first candidate that is a JSON object winning: the
/// whole reply; the body of the first <c>```</c> fenced block (any language tag, typically <c>json</c>); the
/// text from the first <c>{</c> to the last <c>}</c> (one object wrapped in prose). Two objects in prose are
/// ambiguous and rejected as not JSON.</para>
/// <para><b>Fields.</b> All three are required and must be JSON strings; property names are matched exactly
/// (snake case). <c>context_for_agent</c> and <c>reasoning</c> may be empty; extra properties are ignored.</para>
/// <para><b>Names.</b> <c>next_agent</c> is trimmed. <c>DONE</c> is matched case-insensitively. An agent name is
/// matched exactly, or case-insensitively when that identifies exactly one allowed name; the decision carries the
/// name as declared. Anything else is <see cref="SupervisorDecisionErrorKind.UnknownAgent"/>: only an allowed
/// name can route.</para>
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

        if (JsonObjectExtractor.TryExtract(text, out var root, out var sawJson))
        {
            return TryRead(root, allowedNames, out decision, out error);
        }

        error = sawJson
            ? new(SupervisorDecisionErrorKind.NotAnObject, $"Your reply is JSON but not an object. {Expected(allowedNames)}")
            : new(SupervisorDecisionErrorKind.NotJson, $"Your reply holds no valid JSON object. {Expected(allowedNames)}");
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

            setter(property.GetString()!);
        }

        var name = next!.Trim();
        if (string.Equals(name, SupervisorDecision.Done, StringComparison.OrdinalIgnoreCase))
        {
            decision = new(SupervisorDecision.Done, context!, reasoning!);
            error = null;
            return true;
        }

        var match = allowedNames.FirstOrDefault(n => string.Equals(n, name, StringComparison.Ordinal));
        if (match is null)
        {
            var folded = allowedNames.Where(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
            match = folded.Count == 1 ? folded[0] : null;
        }

        if (match is null)
        {
            var hint = NameSuggestions.DidYouMean(name, allowedNames) is { } guess ? $" Did you mean '{guess}'?" : string.Empty;
            error = new(SupervisorDecisionErrorKind.UnknownAgent, $"\"{NextAgentField}\" is '{Clip(name)}', which is not an agent you can route to.{hint} {Expected(allowedNames)}");
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

    private static string Clip(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
