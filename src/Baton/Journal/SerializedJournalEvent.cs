namespace Baton.Journal;

/// <summary>A journal event together with the JSON a store persists for it.</summary>
/// <param name="Event">The event.</param>
/// <param name="Json">The event's JSON, written by <see cref="JournalSerializer.Serialize"/>.</param>
public sealed record SerializedJournalEvent(JournalEvent Event, string Json);
