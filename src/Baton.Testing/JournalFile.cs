using System.Globalization;
using System.Text;
using System.Text.Json;
using Baton.Journal;

namespace Baton.Testing;

/// <summary>
/// Writes and reads a run's journal as JSON lines: a header line <c>{"schema_version":N}</c>, then one event per
/// line exactly as <see cref="JournalSerializer"/> writes it. Recordings checked into tests use this format.
/// </summary>
/// <remarks>
/// Files written by older schema versions are read and upgraded by <see cref="JournalSerializer.Deserialize"/>. A file
/// is outside input: it is read only when it is a regular file of at most <see cref="MaxFileBytes"/> bytes, and any
/// content that is not a journal is a <see cref="FormatException"/> naming the file and line.
/// </remarks>
public static class JournalFile
{
    /// <summary>The largest journal file read, in bytes (256 MiB).</summary>
    public const int MaxFileBytes = 256 * 1024 * 1024;

    private const string HeaderProperty = "schema_version";

    /// <summary>Formats events as JSON lines (header included).</summary>
    /// <param name="events">The events of one run, in order.</param>
    /// <returns>The text, one line per event, ending with a newline.</returns>
    public static string Format(IEnumerable<JournalEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{{\"{HeaderProperty}\":{JournalSerializer.CurrentSchemaVersion}}}").Append('\n');
        foreach (var e in events)
        {
            sb.Append(JournalSerializer.Serialize(e)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Parses JSON lines written by <see cref="Format"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="source">A name for error messages (a file path).</param>
    /// <returns>The events, in order.</returns>
    /// <exception cref="FormatException">A line is not a journal event; the message names the source and line.</exception>
    public static IReadOnlyList<JournalEvent> Parse(string text, string source = "journal")
    {
        ArgumentNullException.ThrowIfNull(text);
        var events = new List<JournalEvent>();
        var schemaVersion = 1;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (JsonText.IndexOfLoneSurrogate(line) is var lone and >= 0)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{source} line {i + 1}: the text is not valid Unicode (a lone UTF-16 surrogate at character {lone + 1})."));
            }

            try
            {
                if (events.Count == 0 && TryReadHeader(line, out var version))
                {
                    schemaVersion = version;
                    continue;
                }

                events.Add(JournalSerializer.Deserialize(line, schemaVersion));
            }
            catch (JsonException ex)
            {
                throw new FormatException($"{source} line {i + 1}: not a journal event ({JsonText.ClipLine(ex.Message, 300)}).", ex);
            }
            catch (FormatException ex)
            {
                throw new FormatException($"{source} line {i + 1}: {ex.Message}", ex);
            }
        }

        return events;
    }

    /// <summary>Writes a run's journal to a file (replacing it).</summary>
    /// <param name="path">The file path.</param>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public static Task WriteAsync(string path, IEnumerable<JournalEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return File.WriteAllTextAsync(path, Format(events), cancellationToken);
    }

    /// <summary>Reads a run's journal from a file.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The events, in order.</returns>
    /// <exception cref="FormatException">A line is not a journal event.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The path is a directory, a device or a pipe, the file is larger than <see cref="MaxFileBytes"/>, or it cannot be read.</exception>
    public static Task<IReadOnlyList<JournalEvent>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Parse(ReadText(path), path));
    }

    /// <summary>Reads a run's journal from a file, synchronously (for test setup).</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The events, in order.</returns>
    /// <exception cref="FormatException">A line is not a journal event.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The path is a directory, a device or a pipe, the file is larger than <see cref="MaxFileBytes"/>, or it cannot be read.</exception>
    public static IReadOnlyList<JournalEvent> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(ReadText(path), path);
    }

    // A regular file within MaxFileBytes: a directory, a device or a pipe is refused without being read.
    private static string ReadText(string path)
    {
        var read = BoundedTextFile.Read(path, MaxFileBytes);
        return read.Status switch
        {
            BoundedTextFileStatus.Read => read.Text!,
            BoundedTextFileStatus.Missing => throw new FileNotFoundException($"The journal file '{path}' does not exist.", path),
            _ => throw new IOException($"The journal file '{path}' {read.Describe()}."),
        };
    }

    private static bool TryReadHeader(string line, out int version)
    {
        version = 0;
        using var document = JsonDocument.Parse(line);
        if (JsonText.TryFindInvalidText(document.RootElement, out var invalid))
        {
            // Names and values holding a lone surrogate escape cannot be read (looking a name up would throw).
            throw new FormatException($"the text at '{JsonText.ClipLine(invalid, 80)}' is not valid Unicode (a lone UTF-16 surrogate escape).");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object
            || document.RootElement.TryGetProperty("kind", out _)
            || !document.RootElement.TryGetProperty(HeaderProperty, out var value))
        {
            return false;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out version))
        {
            throw new FormatException($"the header's {HeaderProperty} must be a whole number, found {JsonText.ClipLine(value.GetRawText(), 40)}.");
        }

        return true;
    }
}
