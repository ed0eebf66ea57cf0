using System.Text;

namespace Baton;

/// <summary>
/// Reads a text file that came from a user (a spec, a schema, a data set, a baseline report) with a size limit, only
/// when it is a regular file: a directory, <c>/dev/zero</c>, a pipe or a device is reported, never read, so it cannot
/// hang the process or fill its memory. The one reader of user-named files in Baton and the assemblies that see its
/// internals (Baton.Specs, Baton.Evaluation).
/// </summary>
/// <remarks>
/// <para>Symbolic links are followed to their final target. A file that reports a size of zero is not opened:
/// devices, pipes and sockets report zero, and opening a pipe would wait for a writer. A regular file reports its
/// size, which is checked before reading and again while reading (a file growing under the reader stops at the
/// limit). Memory grows with what is read, never with the limit.</para>
/// <para>The text is decoded as UTF-8 unless a byte-order mark names UTF-16 or UTF-32, and invalid bytes become
/// U+FFFD; with <c>strictUtf8</c> the text must be UTF-8 (a UTF-8 byte-order mark is skipped) and any invalid byte
/// makes the file <see cref="BoundedTextFileStatus.NotUtf8"/>.</para>
/// </remarks>
internal static class BoundedTextFile
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the file at <paramref name="path"/> if it is a regular file of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <param name="path">The path.</param>
    /// <param name="maxBytes">The largest size read, at most <see cref="Array.MaxLength"/> - 1.</param>
    /// <param name="strictUtf8">Whether the file must be UTF-8: an invalid byte makes it <see cref="BoundedTextFileStatus.NotUtf8"/> instead of becoming U+FFFD.</param>
    /// <returns>The text, or why it was not read.</returns>
    public static BoundedTextFileResult Read(string path, long maxBytes, bool strictUtf8 = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(maxBytes, Array.MaxLength);
        try
        {
            if (Directory.Exists(path))
            {
                return new(BoundedTextFileStatus.Directory, null, maxBytes);
            }

            FileSystemInfo info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
            }

            if (info is not FileInfo file || !file.Exists)
            {
                return new(info is DirectoryInfo { Exists: true } ? BoundedTextFileStatus.Directory : BoundedTextFileStatus.Missing, null, maxBytes);
            }

            if (file.Length == 0)
            {
                return new(BoundedTextFileStatus.EmptyOrSpecial, null, maxBytes);
            }

            if (file.Length > maxBytes)
            {
                return new(BoundedTextFileStatus.TooLarge, null, maxBytes) { Size = file.Length };
            }

            // Sized by what the file reports plus one byte, so growth past the limit is seen; grown only if the file grows.
            var buffer = new byte[file.Length + 1];
            var total = 0;
            using (var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan))
            {
                int read;
                while ((read = stream.Read(buffer, total, buffer.Length - total)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        return new(BoundedTextFileStatus.TooLarge, null, maxBytes) { Size = file.Length, GrewWhileRead = true };
                    }

                    if (total == buffer.Length)
                    {
                        Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1, (long)buffer.Length * 2));
                    }
                }
            }

            return Decode(buffer, total, maxBytes, strictUtf8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException or NotSupportedException or ArgumentException)
        {
            return new(BoundedTextFileStatus.Unreadable, null, maxBytes, ex.Message);
        }
    }

    private static BoundedTextFileResult Decode(byte[] buffer, int total, long maxBytes, bool strictUtf8)
    {
        if (!strictUtf8)
        {
            using var reader = new StreamReader(new MemoryStream(buffer, 0, total), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return new(BoundedTextFileStatus.Read, reader.ReadToEnd(), maxBytes) { Size = total };
        }

        var start = buffer.AsSpan(0, total).StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        try
        {
            return new(BoundedTextFileStatus.Read, s_strictUtf8.GetString(buffer, start, total - start), maxBytes) { Size = total };
        }
        catch (DecoderFallbackException ex)
        {
            return new(BoundedTextFileStatus.NotUtf8, null, maxBytes) { Size = total, InvalidByteOffset = start + Math.Max(ex.Index, 0) };
        }
    }
}
