using System.Text.Json;

namespace Baton.Humans;

/// <summary>
/// A person's answer to a waiting run: text, a JSON value, or a verdict (approve, or reject with feedback). Give it to
/// <c>HandoffRunner.ProvideInputAsync</c>; it is read and validated like a model's reply before it is journaled.
/// </summary>
/// <remarks>Immutable. Everything in it is hostile input until the run's reader accepted it.</remarks>
public sealed record HumanAnswer
{
    private HumanAnswer(HumanAnswerKind kind, string? text, JsonElement? value)
    {
        Kind = kind;
        Text = text;
        Value = value;
    }

    /// <summary>Gets how the person answered.</summary>
    public HumanAnswerKind Kind { get; }

    /// <summary>Gets the text: the answer for <see cref="HumanAnswerKind.Text"/>, the comment for <see cref="HumanAnswerKind.Approve"/>, the feedback for <see cref="HumanAnswerKind.Reject"/>.</summary>
    public string? Text { get; }

    /// <summary>Gets the value, for <see cref="HumanAnswerKind.Json"/>.</summary>
    public JsonElement? Value { get; }

    /// <summary>Gets the step whose question this answers; a run waiting at another step refuses it.</summary>
    /// <value>The default is <see langword="null"/>: whatever the run waits for now.</value>
    public int? Step { get; init; }

    /// <summary>Creates a text answer.</summary>
    /// <param name="text">The answer, read like a model's reply (for a JSON output, the JSON value as text).</param>
    /// <returns>The answer.</returns>
    public static HumanAnswer FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(HumanAnswerKind.Text, text, null);
    }

    /// <summary>Creates a JSON answer.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The answer.</returns>
    public static HumanAnswer FromJson(JsonElement value) => new(HumanAnswerKind.Json, null, value.Clone());

    /// <summary>Creates an approval (for a step that asks for a verdict).</summary>
    /// <param name="comment">An optional comment.</param>
    /// <returns>The answer.</returns>
    public static HumanAnswer Approve(string? comment = null) => new(HumanAnswerKind.Approve, string.IsNullOrWhiteSpace(comment) ? null : comment, null);

    /// <summary>Creates a rejection that sends the work back with feedback (for a step that asks for a verdict).</summary>
    /// <param name="feedback">What must change.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="ArgumentException"><paramref name="feedback"/> is empty.</exception>
    public static HumanAnswer Reject(string feedback)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feedback);
        return new(HumanAnswerKind.Reject, feedback, null);
    }
}
