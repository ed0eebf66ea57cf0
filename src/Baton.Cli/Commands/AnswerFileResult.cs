namespace Baton.Cli.Commands;

/// <summary>An answer file's text, or why it cannot be read (with a message that says what to do).</summary>
/// <param name="Problem">Why it cannot be read, or <see cref="AnswerFileProblem.None"/>.</param>
/// <param name="Text">The text, without a byte order mark, when it was read.</param>
/// <param name="Message">What is wrong and how to fix it, when it was not read.</param>
internal readonly record struct AnswerFileResult(AnswerFileProblem Problem, string? Text, string Message)
{
    public bool IsRead => Problem == AnswerFileProblem.None;
}
