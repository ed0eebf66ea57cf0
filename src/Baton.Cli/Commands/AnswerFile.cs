using System.Text;

namespace Baton.Cli.Commands;

/// <summary>
/// Reads <c>baton answer --file</c>: hostile input, read only when it is a regular file of at most
/// <see cref="MaxBytes"/> bytes of UTF-8 text. A folder, a device such as <c>/dev/zero</c>, a FIFO or a socket is
/// reported, never read, so it cannot hang the command or fill its memory.
/// </summary>
/// <remarks>
/// Symbolic links are followed to their final target. A file that reports a size of zero is not opened (devices,
/// FIFOs and sockets report zero, and opening a FIFO waits for a writer); the read stops one byte past the limit
/// whatever size the file reported, so a file that grows while it is read is still bounded. Invalid UTF-8 is an
/// error, not replaced: an answer is journaled exactly as given.
/// </remarks>
internal static class AnswerFile
{
    /// <summary>The largest answer file read: 1 MiB.</summary>
    public const int MaxBytes = 1_048_576;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static AnswerFileResult Read(string path, string shown)
    {
        FileInfo file;
        try
        {
            if (System.IO.Directory.Exists(path))
            {
                return Fail(AnswerFileProblem.Directory, $"{shown} is a folder, not a file. Pass the answer file itself.");
            }

            FileSystemInfo info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
            }

            if (info is not FileInfo { Exists: true } found)
            {
                return info is DirectoryInfo { Exists: true }
                    ? Fail(AnswerFileProblem.Directory, $"{shown} is a folder, not a file. Pass the answer file itself.")
                    : Fail(AnswerFileProblem.Missing, $"{shown} does not exist. Check the path (relative paths start at the current folder).");
            }

            file = found;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(AnswerFileProblem.Unreadable, $"{shown} cannot be read: {ex.Message}");
        }

        if (file.Length <= 0)
        {
            return Fail(AnswerFileProblem.EmptyOrNotRegular, $"{shown} is empty or is not a regular file (a device, FIFO or socket). Pass a regular file that holds the answer.");
        }

        if (file.Length > MaxBytes)
        {
            return Fail(AnswerFileProblem.TooLarge, $"{shown} is {file.Length:N0} bytes; an answer file may have at most {MaxBytes:N0} bytes. Shorten the answer.");
        }

        byte[] bytes;
        try
        {
            using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
            var buffer = new byte[MaxBytes + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }

            if (total > MaxBytes)
            {
                return Fail(AnswerFileProblem.TooLarge, $"{shown} grew past {MaxBytes:N0} bytes while it was read. Pass a file that is not being written.");
            }

            bytes = buffer.AsSpan(0, total).ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(AnswerFileProblem.Unreadable, $"{shown} cannot be read: {ex.Message}");
        }

        try
        {
            var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
            return new AnswerFileResult(AnswerFileProblem.None, s_strictUtf8.GetString(bytes, start, bytes.Length - start), string.Empty);
        }
        catch (DecoderFallbackException ex)
        {
            return Fail(AnswerFileProblem.NotUtf8, $"{shown} is not UTF-8 text (invalid bytes at offset {ex.Index}). Save the answer as UTF-8.");
        }
    }

    private static AnswerFileResult Fail(AnswerFileProblem problem, string message) => new(problem, null, message);
}
