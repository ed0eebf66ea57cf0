namespace Baton.Journal;

/// <summary>
/// The lease one live execution holds on a run: only the holder of the newest epoch may write the run's journal.
/// </summary>
/// <remarks>
/// A run's lease is taken by the event that starts an execution: <see cref="RunStarted"/> takes epoch 1 and every
/// <see cref="RunResumed"/> takes the next epoch. Each event then carries its writer's epoch
/// (<see cref="JournalEvent.LeaseEpoch"/>), and every store refuses an event from an older epoch with
/// <see cref="LeaseLostException"/>, so an execution that was paused or cut off can never write again.
/// </remarks>
/// <param name="Epoch">The lease epoch: 1 for the execution that started the run, one more for each resume.</param>
/// <param name="Owner">The worker that holds it (by default <c>host:pid</c>, see <c>HandoffRunnerOptions.WorkerId</c>).</param>
/// <param name="Since">When it was taken (the timestamp of the event that took it).</param>
public sealed record RunLease(long Epoch, string Owner, DateTimeOffset Since);
