using System.Text;

namespace Baton.Evaluation.Internal;

/// <summary>
/// Reads a user-named file as UTF-8 text within a size bound, refusing anything that is not a regular file with
/// content (devices such as <c>/dev/zero</c>, FIFOs, sockets, directories), so a hostile path can neither hang the
/// reader nor exhaust memory. The one place Baton.Evaluation reads input files.
/// </summary>
/// <remarks>
/// .NET reports no file type on Unix, and opening a FIFO blocks until a writer appears, so the file is never opened
/// unless the file system reports a positive size: devices, FIFOs and sockets report 0. The read itself stops after
/// <c>maxBytes + 1</c> bytes whatever the reported size, so a file that grows or lies about its size is still bounded.
/// </remarks>
internal static class BoundedFile
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the file's text, or says why not.</summary>
    /// <param name="path">The file.</param>
    /// <param name="shown">The path as the user wrote it, for messages.</param>
    /// <param name="maxBytes">The largest file accepted.</param>
    /// <param name="text">The text, without a byte order mark.</param>
    /// <param name="error">Why the file cannot be read.</param>
    /// <returns><see langword="true"/> when the text was read.</returns>
    public static bool TryReadText(string path, string shown, long maxBytes, out string text, out string error)
    {
        text = string.Empty;
        if (Directory.Exists(path))
        {
            error = $"{shown} is a directory, not a file. Pass the file itself.";
            return false;
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            error = $"{shown} does not exist. Check the path (relative paths start at the current folder).";
            return false;
        }

        if (info.Length <= 0)
        {
            error = $"{shown} is empty or is not a regular file (a device, FIFO or socket). Pass a regular file with content.";
            return false;
        }

        if (info.Length > maxBytes)
        {
            error = $"{shown} is {info.Length:N0} bytes; the limit is {maxBytes:N0}. Split it into smaller files or raise the limit.";
            return false;
        }

        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            bytes = ReadBounded(stream, maxBytes, out var tooLarge);
            if (tooLarge)
            {
                error = $"{shown} grew past the limit of {maxBytes:N0} bytes while it was read. Pass a file that is not being written.";
                return false;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"{shown} cannot be read: {ex.Message}";
            return false;
        }

        try
        {
            var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
            text = s_strictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException ex)
        {
            error = $"{shown} is not UTF-8 text (invalid bytes at offset {ex.Index}). Save it as UTF-8.";
            return false;
        }

        error = string.Empty;
        return true;
    }

    private static byte[] ReadBounded(Stream stream, long maxBytes, out bool tooLarge)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - total))) > 0)
        {
            buffer.Write(chunk, 0, read);
            total += read;
            if (total > maxBytes)
            {
                tooLarge = true;
                return [];
            }
        }

        tooLarge = false;
        return buffer.ToArray();
    }
}
