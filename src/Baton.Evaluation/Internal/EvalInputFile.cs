namespace Baton.Evaluation.Internal;

/// <summary>
/// Reads a user-named evaluation input (a data set, a baseline report) through Baton's one bounded reader
/// (<see cref="BoundedTextFile"/>) as strict UTF-8, and words its refusals the way the evaluation's messages read:
/// the file as the user wrote it, what is wrong, and what to do.
/// </summary>
internal static class EvalInputFile
{
    /// <summary>The largest limit honoured (1 GiB): a larger text would not fit in one string.</summary>
    public const long MaxLimit = 1L << 30;

    /// <summary>Reads the file's text, or says why not.</summary>
    /// <param name="path">The file.</param>
    /// <param name="shown">The path as the user wrote it, for messages.</param>
    /// <param name="maxBytes">The largest file accepted; values outside 1 to <see cref="MaxLimit"/> are taken as the nearest of the two.</param>
    /// <param name="text">The text, without a byte order mark.</param>
    /// <param name="error">Why the file cannot be read.</param>
    /// <returns><see langword="true"/> when the text was read.</returns>
    public static bool TryReadText(string path, string shown, long maxBytes, out string text, out string error)
    {
        maxBytes = Math.Clamp(maxBytes, 1, MaxLimit);
        var read = BoundedTextFile.Read(path, maxBytes, strictUtf8: true);
        text = read.Text ?? string.Empty;
        error = read.Status switch
        {
            BoundedTextFileStatus.Read => string.Empty,
            BoundedTextFileStatus.Directory => $"{shown} is a directory, not a file. Pass the file itself.",
            BoundedTextFileStatus.Missing => $"{shown} does not exist. Check the path (relative paths start at the current folder).",
            BoundedTextFileStatus.EmptyOrSpecial => $"{shown} is empty or is not a regular file (a device, FIFO or socket). Pass a regular file with content.",
            BoundedTextFileStatus.TooLarge when read.GrewWhileRead => $"{shown} grew past the limit of {maxBytes:N0} bytes while it was read. Pass a file that is not being written.",
            BoundedTextFileStatus.TooLarge => $"{shown} is {read.Size:N0} bytes; the limit is {maxBytes:N0}. Split it into smaller files or raise the limit.",
            BoundedTextFileStatus.NotUtf8 => $"{shown} is not UTF-8 text (invalid bytes at offset {read.InvalidByteOffset}). Save it as UTF-8.",
            _ => $"{shown} cannot be read: {read.Error}",
        };
        return read.Status == BoundedTextFileStatus.Read;
    }
}
