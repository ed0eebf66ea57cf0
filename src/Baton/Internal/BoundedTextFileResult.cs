using System.Globalization;

namespace Baton;

/// <summary>The outcome of <see cref="BoundedTextFile.Read"/>.</summary>
/// <param name="Status">What was found.</param>
/// <param name="Text">The file's text, when it was read.</param>
/// <param name="Limit">The size limit the file was read with, in bytes.</param>
/// <param name="Error">The operating system's message, for <see cref="BoundedTextFileStatus.Unreadable"/>.</param>
internal readonly record struct BoundedTextFileResult(BoundedTextFileStatus Status, string? Text, long Limit, string? Error = null)
{
    /// <summary>Gets the file's size in bytes: as read, or for <see cref="BoundedTextFileStatus.TooLarge"/> as the file system reported it.</summary>
    public long Size { get; init; }

    /// <summary>Gets whether a <see cref="BoundedTextFileStatus.TooLarge"/> file was within the limit when checked and grew past it while it was read.</summary>
    public bool GrewWhileRead { get; init; }

    /// <summary>Gets the offset of the first byte that is not UTF-8, for <see cref="BoundedTextFileStatus.NotUtf8"/>.</summary>
    public long InvalidByteOffset { get; init; }

    /// <summary>Describes a failed read as the end of a sentence starting with the file's name ("'x.yaml' is a directory...").</summary>
    /// <returns>The description, without a final period.</returns>
    public string Describe() => Status switch
    {
        BoundedTextFileStatus.Missing => "does not exist",
        BoundedTextFileStatus.Directory => "is a directory, not a file; name a file inside it",
        BoundedTextFileStatus.EmptyOrSpecial => "is empty, or is not a regular file (a device, a pipe or a socket); name a regular file",
        BoundedTextFileStatus.TooLarge when GrewWhileRead => string.Create(CultureInfo.InvariantCulture, $"grew past the {Limit:N0}-byte limit while it was read; name a file that is not being written"),
        BoundedTextFileStatus.TooLarge => string.Create(CultureInfo.InvariantCulture, $"is larger than the {Limit:N0}-byte limit"),
        BoundedTextFileStatus.NotUtf8 => string.Create(CultureInfo.InvariantCulture, $"is not UTF-8 text (invalid bytes at offset {InvalidByteOffset}); save it as UTF-8"),
        BoundedTextFileStatus.Unreadable => $"cannot be read: {Error}",
        _ => "was read",
    };
}
