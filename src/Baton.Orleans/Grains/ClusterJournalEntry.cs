namespace Baton.Orleans.Grains;

/// <summary>
/// One item of a run's watch stream: a journal event (its JSON exactly as stored and its schema version), or a
/// marker that ends the stream without <c>run_ended</c>.
/// </summary>
/// <param name="Sequence">The event's sequence number (for a marker: the next sequence the watcher expects).</param>
/// <param name="Kind">The event's kind (for example <c>run_ended</c>), or <see cref="ParkedMarker"/> / <see cref="InterruptedMarker"/> / <see cref="UnknownMarker"/>.</param>
/// <param name="Json">The event as <see cref="Journal.JournalSerializer"/> writes it; empty for a marker.</param>
/// <param name="SchemaVersion">The journal schema version of <paramref name="Json"/>.</param>
[GenerateSerializer]
[Alias("baton.ClusterJournalEntry")]
internal sealed record ClusterJournalEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Json,
    [property: Id(3)] int SchemaVersion)
{
    /// <summary>The run parked: it waits for a time or a message and executes nowhere until then.</summary>
    public const string ParkedMarker = "~parked";

    /// <summary>This activation stopped executing the run (its silo is shutting down, or it lost the run's lease); the run continues elsewhere.</summary>
    public const string InterruptedMarker = "~interrupted";

    /// <summary>No run with that id is in the journal.</summary>
    public const string UnknownMarker = "~unknown";

    /// <summary>Gets whether the entry is a marker rather than an event.</summary>
    public bool IsMarker => Kind.StartsWith('~');

    /// <summary>Creates a marker entry.</summary>
    public static ClusterJournalEntry Marker(string kind, long next) => new(next, kind, string.Empty, 0);
}
