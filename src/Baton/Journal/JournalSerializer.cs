using System.Text.Json;

namespace Baton.Journal;

/// <summary>Writes and reads journal events as JSON, the form every store persists.</summary>
/// <remarks>
/// Stores keep <see cref="CurrentSchemaVersion"/> beside each event; <see cref="Deserialize(string, int)"/> reads
/// events written by this and earlier schema versions.
/// </remarks>
public static class JournalSerializer
{
    /// <summary>The journal schema version this library writes.</summary>
    public const int CurrentSchemaVersion = 1;

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
    /// <exception cref="JsonException">The text is not an event, or the schema version is newer than this library reads.</exception>
    public static JournalEvent Deserialize(string json, int schemaVersion = CurrentSchemaVersion)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (schemaVersion > CurrentSchemaVersion || schemaVersion < 1)
        {
            throw new JsonException(
                $"Journal event written with schema version {schemaVersion}; this Baton reads versions 1 to {CurrentSchemaVersion}. Upgrade Baton to read this journal.");
        }

        return JsonSerializer.Deserialize(json, BatonJsonContext.Default.JournalEvent)
            ?? throw new JsonException("The JSON is 'null', not a journal event.");
    }
}
