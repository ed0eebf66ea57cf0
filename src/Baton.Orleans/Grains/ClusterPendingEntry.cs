namespace Baton.Orleans.Grains;

/// <summary>One run that waits for a person, as a silo reads it for a client: the question travels as its journal event's JSON.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Orchestration">The orchestration the run was started with.</param>
/// <param name="IsOverdue">Whether the question was past its due time when the silo read it.</param>
/// <param name="Request">The <c>input_requested</c> event the run waits on.</param>
[GenerateSerializer]
[Alias("baton.ClusterPendingEntry")]
internal sealed record ClusterPendingEntry(
    [property: Id(0)] string RunId,
    [property: Id(1)] string Orchestration,
    [property: Id(2)] bool IsOverdue,
    [property: Id(3)] ClusterJournalEntry Request);
