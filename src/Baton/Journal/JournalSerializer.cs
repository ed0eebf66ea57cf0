using System.Globalization;
using System.Text.Json;

namespace Baton.Journal;

/// <summary>Writes and reads journal events as JSON, the form every store persists.</summary>
/// <remarks>
/// <para>Stores keep <see cref="CurrentSchemaVersion"/> beside each event; <see cref="Deserialize(string, int)"/> reads
/// events written by this and earlier schema versions.</para>
/// <para><b>Versions.</b> 1: the first release. 2: leases and run facts — every event may carry
/// <see cref="JournalEvent.LeaseEpoch"/> (<c>lease_epoch</c>, omitted when 0), <see cref="RunStarted"/> and
/// <see cref="RunResumed"/> name the <c>lease_owner</c>, and <see cref="RunStarted"/> records the
/// <c>definition_hash</c>, <c>spec_path</c>, <c>spec_hash</c> and <c>model</c>. Every field added in version 2 is
/// optional, so a version 1 event reads unchanged.</para>
/// </remarks>
public static class JournalSerializer
{
    /// <summary>The journal schema version this library writes.</summary>
    public const int CurrentSchemaVersion = 2;

    // The serializer's messages quote the input (an unknown kind, a property name): a tampered row stays one readable line.
    private const int MaxQuotedMessageChars = 300;

    /// <summary>Serializes an event (its kind included).</summary>
    /// <param name="journalEvent">The event.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(JournalEvent journalEvent)
    {
        ArgumentNullException.ThrowIfNull(journalEvent);
        return JsonSerializer.Serialize(journalEvent, BatonJsonContext.Default.JournalEvent);
    }

    /// <summary>Reads an event written by <see cref="Serialize"/> under <paramref name="schemaVersion"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="schemaVersion">The schema version the event was written with.</param>
    /// <returns>The event.</returns>
    /// <exception cref="JsonException">
    /// The text is not an event (broken JSON, an unknown kind, a missing field, an invalid escape), or the schema
    /// version is newer than this library reads; the message says which.
    /// </exception>
    public static JournalEvent Deserialize(string json, int schemaVersion = CurrentSchemaVersion)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (schemaVersion > CurrentSchemaVersion || schemaVersion < 1)
        {
            throw new JsonException(
                $"Journal event written with schema version {schemaVersion}; this Baton reads versions 1 to {CurrentSchemaVersion}. Upgrade Baton to read this journal.");
        }

        try
        {
            var journalEvent = JsonSerializer.Deserialize(json, BatonJsonContext.Default.JournalEvent)
                ?? throw new JsonException("The JSON is 'null', not a journal event.");
            ThrowIfInvalidText(json);
            return journalEvent;
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // An unknown kind, an invalid escape or an out-of-range value: content errors, reported as such.
            throw new JsonException($"Not a journal event: {JsonText.ClipLine(ex.Message, MaxQuotedMessageChars)}", ex);
        }
    }

    // Texts are read as strings, which refuse a lone surrogate escape; JSON values (outputs, answers) keep their
    // escapes, and one holding "\udc00" alone would read but never be written again. Only rows with a surrogate
    // escape at all (an escaped emoji, say) pay for the check.
    private static void ThrowIfInvalidText(string json)
    {
        if (!json.Contains("\\ud", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        using var document = JsonDocument.Parse(json);
        if (JsonText.TryFindInvalidText(document.RootElement, out var path))
        {
            throw new JsonException($"The text at '{JsonText.ClipLine(path, 80)}' is not valid Unicode (a lone UTF-16 surrogate escape).");
        }
    }

    /// <summary>
    /// Reads one stored row of a run's journal: the event must parse and carry the run id and sequence the row is
    /// stored under. For stores: a bad row becomes an error about that run and position, never a crash.
    /// </summary>
    /// <param name="runId">The run id the row is stored under.</param>
    /// <param name="sequence">The sequence number the row is stored under.</param>
    /// <param name="json">The row's JSON.</param>
    /// <param name="schemaVersion">The row's schema version.</param>
    /// <returns>The event.</returns>
    /// <exception cref="UnreadableJournalException">The row cannot be read; the message names the run, the sequence and the problem.</exception>
    public static JournalEvent DeserializeStored(string runId, long sequence, string? json, int schemaVersion)
    {
        ArgumentNullException.ThrowIfNull(runId);
        if (json is null)
        {
            throw new UnreadableJournalException(runId, sequence, "the stored event is empty. The store was changed outside Baton; restore it from a backup.", null);
        }

        JournalEvent e;
        try
        {
            e = Deserialize(json, schemaVersion);
        }
        catch (JsonException ex) when (schemaVersion > CurrentSchemaVersion)
        {
            throw new UnreadableJournalException(runId, sequence, JsonText.ClipLine(ex.Message, MaxQuotedMessageChars), ex);
        }
        catch (JsonException ex)
        {
            throw new UnreadableJournalException(runId, sequence, $"the stored event is not a readable journal event ({JsonText.ClipLine(ex.Message, MaxQuotedMessageChars)}). The store was changed outside Baton or is damaged; restore it from a backup.", ex);
        }

        if (!string.Equals(e.RunId, runId, StringComparison.Ordinal) || e.Sequence != sequence)
        {
            throw new UnreadableJournalException(
                runId,
                sequence,
                string.Create(CultureInfo.InvariantCulture, $"the stored event says it is #{e.Sequence} of run '{JsonText.ClipLine(e.RunId, 80)}'. The store was changed outside Baton; restore it from a backup."),
                null);
        }

        if ((sequence == 0) != (e is RunStarted))
        {
            throw new UnreadableJournalException(
                runId,
                sequence,
                sequence == 0
                    ? $"a journal must begin with run_started, this one begins with {e.Kind}. The store was changed outside Baton; restore it from a backup."
                    : "the stored event is a second run_started. The store was changed outside Baton; restore it from a backup.",
                null);
        }

        return e;
    }

    /// <summary>Checks that a run's stored rows, read in order, have no gap: the next must be <paramref name="expected"/>.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="expected">The sequence number the next row must have (the number of rows read so far).</param>
    /// <param name="actual">The next row's sequence number.</param>
    /// <exception cref="UnreadableJournalException">A row is missing.</exception>
    public static void ThrowIfGap(string runId, long expected, long actual)
    {
        if (actual != expected)
        {
            throw new UnreadableJournalException(
                runId,
                expected,
                string.Create(CultureInfo.InvariantCulture, $"the event is missing (the stored journal skips from #{expected - 1} to #{actual}). The store was changed outside Baton; restore it from a backup."),
                null);
        }
    }
}
