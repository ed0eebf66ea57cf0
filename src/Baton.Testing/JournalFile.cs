using System.Globalization;
using System.Text;
using System.Text.Json;
using Baton.Journal;

namespace Baton.Testing;

/// <summary>
/// Writes and reads a run's journal as JSON lines: a header line <c>{"schema_version":N}</c>, then one event per
/// line exactly as <see cref="JournalSerializer"/> writes it. Recordings checked into tests use this format.
/// </summary>
/// <remarks>Files written by older schema versions are read and upgraded by <see cref="JournalSerializer.Deserialize"/>.</remarks>
public static class JournalFile
{
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
                throw new FormatException($"{source} line {i + 1}: not a journal event ({ex.Message}).", ex);
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
    public static async Task<IReadOnlyList<JournalEvent>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), path);
    }

    /// <summary>Reads a run's journal from a file, synchronously (for test setup).</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The events, in order.</returns>
    /// <exception cref="FormatException">A line is not a journal event.</exception>
    public static IReadOnlyList<JournalEvent> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(File.ReadAllText(path), path);
    }

    private static bool TryReadHeader(string line, out int version)
    {
        version = 0;
        using var document = JsonDocument.Parse(line);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || document.RootElement.TryGetProperty("kind", out _)
            || !document.RootElement.TryGetProperty(HeaderProperty, out var value))
        {
            return false;
        }

        version = value.GetInt32();
        return true;
    }
}
