namespace Baton;

/// <summary>The outcome of <see cref="BoundedTextFile.Read"/>.</summary>
/// <param name="Status">What was found.</param>
/// <param name="Text">The file's text, when it was read.</param>
/// <param name="Limit">The size limit the file was read with, in bytes.</param>
/// <param name="Error">The operating system's message, for <see cref="BoundedTextFileStatus.Unreadable"/>.</param>
internal readonly record struct BoundedTextFileResult(BoundedTextFileStatus Status, string? Text, int Limit, string? Error = null)
{
    /// <summary>Describes a failed read as the end of a sentence starting with the file's name ("'x.yaml' is a directory...").</summary>
    /// <returns>The description, without a final period.</returns>
    public string Describe() => Status switch
    {
        BoundedTextFileStatus.Missing => "does not exist",
        BoundedTextFileStatus.Directory => "is a directory, not a file; name a file inside it",
        BoundedTextFileStatus.EmptyOrSpecial => "is empty, or is not a regular file (a device, a pipe or a socket); name a regular file",
        BoundedTextFileStatus.TooLarge => $"is larger than the {Limit:N0}-byte limit",
        BoundedTextFileStatus.Unreadable => $"cannot be read: {Error}",
        _ => "was read",
    };
}
