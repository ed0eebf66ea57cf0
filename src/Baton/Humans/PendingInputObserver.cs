using Baton.Journal;

namespace Baton.Humans;

/// <summary>
/// Tells an application when a run stops to wait for a person, so it can notify them (a webhook, an e-mail, a chat
/// message: the application's choice). Add it to <c>HandoffRunnerOptions.Observers</c>.
/// </summary>
/// <remarks>
/// <para>It fires on the <see cref="RunEnded"/> whose status is <see cref="RunStatus.AwaitingInput"/>, with the question the
/// run waits on: once per wait, including when a run interrupted while asking is resumed and ends waiting again.</para>
/// <para>Like every observer it runs on the run's own flow after the event is stored, and a callback that throws is
/// logged and ignored (the run's wait is in the journal either way; <c>HandoffRunner.ListPendingAsync</c> is the
/// authoritative list). Keep the callback fast: hand slow work (HTTP, SMTP) to a queue.</para>
/// </remarks>
public sealed class PendingInputObserver : IRunObserver
{
    private readonly Action<PendingInput> _onPending;

    /// <summary>Creates the observer.</summary>
    /// <param name="onPending">Called with each run that starts to wait for a person.</param>
    public PendingInputObserver(Action<PendingInput> onPending)
    {
        ArgumentNullException.ThrowIfNull(onPending);
        _onPending = onPending;
    }

    /// <inheritdoc />
    public void OnEvent(RunState state, JournalEvent journalEvent)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(journalEvent);
        if (journalEvent is RunEnded { Status: RunStatus.AwaitingInput } && PendingInput.From(state, journalEvent.Timestamp) is { } pending)
        {
            _onPending(pending);
        }
    }
}
