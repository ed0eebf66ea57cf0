namespace Baton.Journal;

/// <summary>One line about a stored run.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Orchestration">The orchestration's name.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="Status">The run's status (<see cref="RunStatus.Running"/> if it has not ended).</param>
/// <param name="EventCount">The number of journal events.</param>
public sealed record RunSummary(string RunId, string Orchestration, DateTimeOffset StartedAt, RunStatus Status, long EventCount);
