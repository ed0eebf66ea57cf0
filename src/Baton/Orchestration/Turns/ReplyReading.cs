using System.Collections.Immutable;
using System.Text.Json;
using Baton.Validation;

namespace Baton.Orchestration.Turns;

/// <summary>What a <see cref="ReplyReader"/> made of one reply: an accepted value, or the problems to re-ask with.</summary>
/// <remarks>A value type: one is made per reply on the hot path.</remarks>
internal readonly struct ReplyReading
{
    public ReplyReading()
    {
    }

    /// <summary>Gets whether the reply is usable.</summary>
    public bool IsAccepted { get; private init; }

    /// <summary>Gets the accepted value (the output to record).</summary>
    public JsonElement? Value { get; private init; }

    /// <summary>Gets what the reader parsed (a decision, a verdict), if anything beyond the value.</summary>
    public object? Parsed { get; private init; }

    /// <summary>Gets why the reply is unusable, with paths where they apply.</summary>
    public ImmutableArray<OutputValidationError> Errors { get; private init; } = [];

    /// <summary>Gets the problem in one message (the first error's, or the reader's own wording).</summary>
    public string Problem { get; private init; } = string.Empty;

    /// <summary>Gets what the model should do about it, for the re-ask.</summary>
    public string Fix { get; private init; } = "Reply again with the corrected answer only.";

    /// <summary>Gets whether the reply may be re-asked (otherwise the turn goes straight to its fallback).</summary>
    public bool Reaskable { get; private init; } = true;

    /// <summary>Gets how the rejection is journaled: as a validation failure (the default) or as the reader's own event.</summary>
    public bool JournalAsValidation { get; private init; } = true;

    public static ReplyReading Accept(JsonElement? value, object? parsed = null) => new() { IsAccepted = true, Value = value, Parsed = parsed };

    public static ReplyReading Reject(ImmutableArray<OutputValidationError> errors, string? headline, string fix, bool reaskable = true, bool journalAsValidation = true) => new()
    {
        Errors = errors,
        Problem = (headline is null ? string.Empty : headline + "\n") + string.Join('\n', errors.Select(e => $"- {e}")),
        Fix = fix,
        Reaskable = reaskable,
        JournalAsValidation = journalAsValidation,
    };

    public static ReplyReading Reject(string problem, string fix, bool reaskable = true, bool journalAsValidation = true, object? parsed = null) => new()
    {
        Errors = [new OutputValidationError(string.Empty, problem)],
        Problem = problem,
        Fix = fix,
        Reaskable = reaskable,
        JournalAsValidation = journalAsValidation,
        Parsed = parsed,
    };
}
