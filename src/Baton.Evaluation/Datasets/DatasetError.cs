namespace Baton.Evaluation.Datasets;

/// <summary>One problem in a data set: where it is and what to do about it.</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Line">The 1-based line (0 when the problem is the whole file).</param>
/// <param name="Message">What is wrong and how to fix it, naming the field when there is one; one line of at most 1,000 characters (longer ones, quoting hostile input, are clipped).</param>
public sealed record DatasetError(string File, int Line, string Message)
{
    private const int MaxMessageChars = 1_000;

    /// <summary>Gets what is wrong and how to fix it, naming the field when there is one: one line of at most 1,000 characters.</summary>
    public string Message { get; init; } = JsonText.Clip(Message.ReplaceLineEndings(" "), MaxMessageChars);

    /// <summary>Formats the problem as <c>file:line: message</c>, the form editors and terminals link to.</summary>
    /// <returns>The formatted problem.</returns>
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}
