using Baton.Context;
using Baton.Guards;
using Baton.Journal;

namespace Baton.Orchestration.Runtime;

/// <summary>
/// A run's position in its journal: appends events (stamping run id, sequence and time), and while a resumed or
/// replayed run re-executes, matches each event the orchestration writes against the recorded one and hands back the
/// recorded model answers instead of calling the model. Owns the run's state (folded from the events) and deadline.
/// </summary>
/// <remarks>
/// <para><b>Recorded events.</b> Everything before the recording's final <c>run_ended</c> is re-executed; a
/// <c>run_resumed</c>, and a <c>run_ended</c> that a resume continued (a cancelled run), are folded without being
/// matched; events a forced retry superseded (<see cref="RunResumed.RetriedFrom"/>) are counted but not folded.</para>
/// <para><b>Going live.</b> Before the first event written after the recording, the rest of the recording is
/// folded and a <see cref="RunResumed"/> is written. A replay (<see cref="IsReplayOnly"/>) never goes live: it throws
/// <see cref="ReplayExhaustedException"/> instead, and only its end is written (to an in-memory copy).</para>
/// <para>Not thread-safe: one orchestration drives one cursor.</para>
/// </remarks>
internal sealed class JournalCursor
{
    private readonly IRunStore _store;
    private readonly RunObservers _observers;
    private readonly IReadOnlyList<JournalEvent> _recorded;
    private readonly List<JournalEvent> _events;
    private readonly SupersededRanges _superseded;
    private readonly int _bodyEnd;
    private readonly long? _retriedFrom;
    private readonly RunLimits? _newLimits;
    private readonly DateTimeOffset _sessionStart;
    private int _position;
    private bool _live;
    private CancellationTokenSource? _deadlineSource;

    /// <summary>Creates the cursor of a new run (nothing recorded yet).</summary>
    public JournalCursor(string runId, IRunStore store, TimeProvider timeProvider, RunObservers observers)
        : this(runId, store, timeProvider, observers, [], replayOnly: false, retryFrom: null, newLimits: null)
    {
    }

    /// <summary>Creates the cursor of a run that continues (or replays) a recorded journal.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="store">Where new events are written.</param>
    /// <param name="timeProvider">The run's clock.</param>
    /// <param name="observers">Who sees new events.</param>
    /// <param name="recorded">The recorded journal.</param>
    /// <param name="replayOnly">Whether this is a replay that must never write past the recording (but its end).</param>
    /// <param name="retryFrom">For a forced retry, the index of the first recorded event the retry supersedes.</param>
    /// <param name="newLimits">Limits that hold from the resume on, if they change.</param>
    public JournalCursor(
        string runId,
        IRunStore store,
        TimeProvider timeProvider,
        RunObservers observers,
        IReadOnlyList<JournalEvent> recorded,
        bool replayOnly,
        int? retryFrom,
        RunLimits? newLimits)
    {
        RunId = runId;
        _store = store;
        TimeProvider = timeProvider;
        _observers = observers;
        _recorded = recorded;
        IsReplayOnly = replayOnly;
        _newLimits = newLimits;
        _events = new List<JournalEvent>(Math.Max(16, recorded.Count + 8));
        _sessionStart = timeProvider.GetUtcNow();
        _live = recorded.Count == 0;
        State = RunState.CreateEmpty();
        _superseded = recorded.Count == 0 ? default : SupersededRanges.Of(recorded);
        RecordedEnd = recorded.Count > 0 && recorded[^1] is RunEnded end ? end : null;
        _bodyEnd = RecordedEnd is null ? recorded.Count : recorded.Count - 1;
        if (retryFrom is { } from)
        {
            _bodyEnd = from;
            _retriedFrom = recorded[from].Sequence;
            _superseded = _superseded.With(recorded[from].Sequence, recorded.Count);
        }
    }

    /// <summary>Gets the run id.</summary>
    public string RunId { get; }

    /// <summary>Gets a person's answer to give the question the recording ends waiting on (<c>HandoffRunner.ProvideInputAsync</c>), if any.</summary>
    public GivenAnswer? Answer { get; init; }

    /// <summary>Gets whether <see cref="Answer"/> was journaled (its <see cref="InputProvided"/> is stored).</summary>
    public bool AnswerTaken { get; private set; }

    /// <summary>Gets whether the cursor left its recording and writes new events.</summary>
    public bool IsLive => _live;

    /// <summary>Gets the redactor applied to every text of every event before it is written (and before observers see it), if any.</summary>
    public Secrets.SecretRedactor? Redactor { get; init; }

    /// <summary>Gets the run's clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// Gets the lease epoch this execution writes under: 1 for a new run, the recorded lease's epoch + 1 for a resume
    /// (taken by its <see cref="RunResumed"/>), the recorded epoch for a replay. Every event written carries it, and the
    /// store refuses it once a newer execution has taken the run (<see cref="LeaseLostException"/>).
    /// </summary>
    public long LeaseEpoch { get; init; }

    /// <summary>Gets who holds the lease this execution takes (the runner's worker id).</summary>
    public string? LeaseOwner { get; init; }

    /// <summary>Gets the run's state, folded from its journal.</summary>
    public RunState State { get; }

    /// <summary>Gets the current context (a projection of the journal).</summary>
    public HandoffContext Context => State.Context ?? throw new InvalidOperationException("The run has not started.");

    /// <summary>Gets the recorded journal the cursor re-executes (empty for a new run).</summary>
    public IReadOnlyList<JournalEvent> Recording => _recorded;

    /// <summary>Gets the journal so far (recorded and new events), in order.</summary>
    public IReadOnlyList<JournalEvent> Events => _events;

    /// <summary>Gets whether this is a replay that never writes past its recording.</summary>
    public bool IsReplayOnly { get; }

    /// <summary>Gets the recording's final <c>run_ended</c>, if it has one.</summary>
    public RunEnded? RecordedEnd { get; }

    /// <summary>Gets whether recorded events remain to re-execute. Folds the recorded events that are never re-executed on the way.</summary>
    public bool IsReplaying
    {
        get
        {
            SkipUnmatched();
            return _position < _bodyEnd;
        }
    }

    /// <summary>Gets whether every recorded event before the recorded end was re-executed.</summary>
    public bool ReachedRecordingEnd => !IsReplaying;

    /// <summary>
    /// Gets the limits that hold now: the recorded ones while recorded events are re-executed (they decided then), the
    /// resume's new limits once past them.
    /// </summary>
    public RunLimits Limits => _newLimits is { } limits && !IsReplaying ? limits : State.Limits;

    /// <summary>Gets when the deadline is measured from: the run's start, or this resume.</summary>
    public DateTimeOffset DeadlineStart => _live ? State.ActiveSince : _sessionStart;

    /// <summary>Gets the next recorded event to re-execute, or <see langword="null"/> when none remains.</summary>
    public JournalEvent? PeekRecorded() => IsReplaying ? _recorded[_position] : null;

    /// <summary>
    /// Appends an event. While replaying, checks it against the recorded one and returns the recorded event instead
    /// of writing.
    /// </summary>
    /// <exception cref="ReplayMismatchException">While replaying, the event differs from the recorded one.</exception>
    /// <exception cref="ReplayExhaustedException">A replay went past its recording.</exception>
    public async ValueTask<TEvent> AppendAsync<TEvent>(TEvent journalEvent, CancellationToken cancellationToken)
        where TEvent : JournalEvent
    {
        if (IsReplaying)
        {
            var recorded = _recorded[_position];
            ReplayMismatchException.ThrowIfDifferent(recorded, journalEvent);
            _position++;
            Fold(recorded);
            return (TEvent)recorded;
        }

        await GoLiveAsync(cancellationToken).ConfigureAwait(false);
        return await WriteAsync(journalEvent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes the recorded answer or failure of a call just re-executed.</summary>
    /// <exception cref="ReplayMismatchException">The journal holds something else after the call.</exception>
    public JournalEvent TakeRecordedOutcome(int step, string agent)
    {
        var recorded = _recorded[_position];
        if (recorded is (AgentAnswered or AgentFailed) && recorded.Step == step && recorded.Agent == agent)
        {
            _position++;
            Fold(recorded);
            return recorded;
        }

        throw new ReplayMismatchException(
            $"Run '{RunId}': after agent '{agent}' was called at step {step}, the journal holds {recorded.Kind} (event #{recorded.Sequence}) instead of its answer.");
    }

    /// <summary>
    /// Takes the recorded answer to a question just re-executed (<see cref="InputProvided"/> or <see cref="InputTimedOut"/>),
    /// or returns <see langword="null"/> when the recording ends waiting on it.
    /// </summary>
    /// <exception cref="ReplayMismatchException">The journal holds something else after the question, or an answer to another one.</exception>
    public JournalEvent? TakeRecordedInput(InputRequested request)
    {
        if (!IsReplaying)
        {
            return null;
        }

        var recorded = _recorded[_position];
        var answers = recorded switch
        {
            InputProvided provided => provided.Request,
            InputTimedOut timedOut => timedOut.Request,
            _ => (long?)null,
        };
        if (answers == request.Sequence && recorded.Step == request.Step && recorded.Agent == request.Agent)
        {
            _position++;
            Fold(recorded);
            return recorded;
        }

        throw new ReplayMismatchException(answers is null
            ? $"Run '{RunId}': after '{request.Agent}' was asked at step {request.Step} (event #{request.Sequence}), the journal holds {recorded.Kind} (event #{recorded.Sequence}) instead of an answer or a timeout."
            : $"Run '{RunId}': the journal's {recorded.Kind} (event #{recorded.Sequence}) answers event #{answers} for '{recorded.Agent}' at step {recorded.Step}, but the run waits on '{request.Agent}' at step {request.Step} (event #{request.Sequence}). It is not an answer to this question: the journal was changed outside Baton.");
    }

    /// <summary>Writes the <see cref="InputProvided"/> for <see cref="Answer"/> (going live first) and marks the answer taken.</summary>
    public async ValueTask<InputProvided> WriteAnswerAsync(InputProvided provided, CancellationToken cancellationToken)
    {
        var written = await AppendAsync(provided, cancellationToken).ConfigureAwait(false);
        AnswerTaken = true;
        return written;
    }

    /// <summary>Writes an event that only a live call produces (an answer or a failure), whatever the caller's token says.</summary>
    public ValueTask<TEvent> WriteOutcomeAsync<TEvent>(TEvent journalEvent)
        where TEvent : JournalEvent => WriteAsync(journalEvent, CancellationToken.None);

    /// <summary>
    /// Leaves the recording: folds what remains of it (a cancelled run's end, a retried run's superseded events) and
    /// writes <see cref="RunResumed"/>. Does nothing for a new run or once done.
    /// </summary>
    /// <exception cref="ReplayExhaustedException">This is a replay: it never goes past its recording.</exception>
    public async ValueTask GoLiveAsync(CancellationToken cancellationToken)
    {
        if (_live)
        {
            return;
        }

        if (IsReplayOnly)
        {
            throw new ReplayExhaustedException();
        }

        var inFlight = State.HasCallInFlight;
        FoldRest();
        _live = true;
        await WriteAsync(
            new RunResumed
            {
                Step = State.StepCount,
                EventsBefore = _recorded.Count,
                ResendsInFlightCall = inFlight,
                RetriedFrom = _retriedFrom,
                Limits = _newLimits,
                LeaseOwner = LeaseOwner,
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the run passed its deadline, as the recording says while it is re-executed, or by the clock once live.</summary>
    public bool DeadlinePassed(TimeSpan deadline)
    {
        if (IsReplaying)
        {
            // Time does not repeat: a re-executed run stops for its deadline exactly where the recorded run did.
            return PeekRecorded() is GuardTriggered { Status: RunStatus.DeadlineExceeded };
        }

        if (IsReplayOnly)
        {
            return RecordedEnd?.Status == RunStatus.DeadlineExceeded;
        }

        return TimeProvider.GetUtcNow() - DeadlineStart >= deadline;
    }

    /// <summary>Gets the run's deadline timer (one per run, not per call), or <see langword="null"/> when it has no deadline.</summary>
    public CancellationTokenSource? GetDeadlineSource()
    {
        var existing = Volatile.Read(ref _deadlineSource);
        if (existing is not null || Limits.Deadline is not { } deadline)
        {
            return existing;
        }

        var remaining = deadline - (TimeProvider.GetUtcNow() - DeadlineStart);
        var created = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1), TimeProvider);
        if (Interlocked.CompareExchange(ref _deadlineSource, created, null) is { } raced)
        {
            created.Dispose();
            return raced;
        }

        return created;
    }

    /// <summary>
    /// Writes a new run's first events: its start (which takes the run's first lease: <see cref="RunStarted.LeaseOwner"/>
    /// is this cursor's <see cref="LeaseOwner"/>) and the outputs the caller provided.
    /// </summary>
    public async ValueTask StartAsync(RunStarted started, IEnumerable<HandoffOutput> initialOutputs, CancellationToken cancellationToken)
    {
        await WriteAsync(started.LeaseOwner is null && LeaseOwner is not null ? started with { LeaseOwner = LeaseOwner } : started, cancellationToken).ConfigureAwait(false);
        if (initialOutputs is ICollection<HandoffOutput> { Count: 0 })
        {
            return;
        }

        foreach (var output in initialOutputs.OrderBy(o => o.Step).ThenBy(o => o.Name, StringComparer.Ordinal))
        {
            await WriteAsync(
                new OutputRecorded { Step = 0, Agent = output.ProducedBy, Name = output.Name, Value = output.Value, Via = output.Via, Summary = OutputSummary.Of(output.Name, output.Value, output.Via) },
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Folds a recorded run's first events (its start and the caller's outputs), which no orchestration writes.</summary>
    public void ReplayPrologue()
    {
        while (_position < _bodyEnd && (_position == 0 || _recorded[_position] is OutputRecorded { Step: 0 }))
        {
            Fold(_recorded[_position++]);
        }
    }

    /// <summary>Writes the run's end (always live; a replay writes it to its in-memory copy).</summary>
    /// <exception cref="ReplayMismatchException">The orchestration ended before re-executing every recorded event.</exception>
    public async ValueTask<RunEnded> EndAsync(RunStatus status, string reason, string? finalOutput, LimitKind? limit)
    {
        if (IsReplaying)
        {
            var next = _recorded[_position];
            throw new ReplayMismatchException(
                $"Run '{RunId}' diverged from its journal: the orchestration ended ({status}) at step {State.StepCount}, but the journal holds more: {next.Kind} (event #{next.Sequence}, step {next.Step}). The orchestration changed since the run was recorded.");
        }

        if (!IsReplayOnly && !_live)
        {
            // A resume whose work was all recorded (a cancelled run, or one stopped just before its end) still goes
            // live, taking its lease, before it writes the end.
            await GoLiveAsync(CancellationToken.None).ConfigureAwait(false);
        }

        Interlocked.Exchange(ref _deadlineSource, null)?.Dispose();
        return await WriteAsync(new RunEnded { Status = status, Reason = reason, FinalOutput = finalOutput, Limit = limit, Step = State.StepCount }, CancellationToken.None).ConfigureAwait(false);
    }

    private void SkipUnmatched()
    {
        while (_position < _bodyEnd)
        {
            var e = _recorded[_position];
            if (_superseded.Contains(e.Sequence))
            {
                State.Skip(e);
                _events.Add(e);
            }
            else if (e is RunResumed or RunEnded)
            {
                Fold(e);
            }
            else
            {
                return;
            }

            _position++;
        }
    }

    private void FoldRest()
    {
        for (; _position < _recorded.Count; _position++)
        {
            var e = _recorded[_position];
            if (_superseded.Contains(e.Sequence))
            {
                State.Skip(e);
                _events.Add(e);
            }
            else
            {
                Fold(e);
            }
        }
    }

    private async ValueTask<TEvent> WriteAsync<TEvent>(TEvent journalEvent, CancellationToken cancellationToken)
        where TEvent : JournalEvent
    {
        // The journal boundary: no text reaches the store, an observer or the rest of the run unredacted.
        journalEvent = Secrets.JournalRedaction.Apply(journalEvent, Redactor);
        var sequence = State.EventCount;
        var timestamp = TimeProvider.GetUtcNow();
        var stamped = journalEvent.TryStampInPlace(RunId, sequence, timestamp, LeaseEpoch)
            ? journalEvent
            : journalEvent with { RunId = RunId, Sequence = sequence, Timestamp = timestamp, LeaseEpoch = LeaseEpoch };
        await _store.AppendAsync(RunId, stamped.Sequence, [stamped], cancellationToken).ConfigureAwait(false);
        Fold(stamped);
        _observers.Notify(State, stamped);
        return stamped;
    }

    private void Fold(JournalEvent journalEvent)
    {
        State.Apply(journalEvent);
        _events.Add(journalEvent);
    }
}
