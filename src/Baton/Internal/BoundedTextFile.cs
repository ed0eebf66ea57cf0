using System.Text;

namespace Baton;

/// <summary>
/// Reads a text file that came from a user (a spec, a schema, a dataset) with a size limit, only when it is a
/// regular file: a directory, <c>/dev/zero</c>, a pipe or a device is reported, never read, so it cannot hang the
/// process or fill its memory.
/// </summary>
/// <remarks>
/// <para>Symbolic links are followed to their final target. A file that reports a size of zero is not opened:
/// devices, pipes and sockets report zero, and opening a pipe would wait for a writer. A regular file reports its
/// size, which is checked before reading and again while reading (a file growing under the reader stops at the
/// limit).</para>
/// <para>The text is decoded as UTF-8 unless a byte-order mark names UTF-16 or UTF-32; invalid bytes become
/// U+FFFD.</para>
/// <para>This file is shared as source by the assemblies that read user files, so each keeps it internal.</para>
/// </remarks>
internal static class BoundedTextFile
{
    /// <summary>Reads the file at <paramref name="path"/> if it is a regular file of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <param name="path">The path.</param>
    /// <param name="maxBytes">The largest size read.</param>
    /// <returns>The text, or why it was not read.</returns>
    public static BoundedTextFileResult Read(string path, int maxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
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
                return new(BoundedTextFileStatus.TooLarge, null, maxBytes);
            }

            var buffer = new byte[maxBytes + 1];
            var total = 0;
            using (var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan))
            {
                int read;
                while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
                {
                    total += read;
                }
            }

            if (total > maxBytes)
            {
                return new(BoundedTextFileStatus.TooLarge, null, maxBytes);
            }

            using var reader = new StreamReader(new MemoryStream(buffer, 0, total), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return new(BoundedTextFileStatus.Read, reader.ReadToEnd(), maxBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException or NotSupportedException or ArgumentException)
        {
            return new(BoundedTextFileStatus.Unreadable, null, maxBytes, ex.Message);
        }
    }
}
