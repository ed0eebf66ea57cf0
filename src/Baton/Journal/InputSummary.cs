namespace Baton.Journal;

/// <summary>One question a step asked a person, read from the journal: the question, and its answer (who, when) or its timeout.</summary>
/// <remarks>Part of a <see cref="StepSummary"/>; built by <see cref="StepProjection"/>. Read-only for callers.</remarks>
public sealed class InputSummary
{
    internal InputSummary(InputRequested request) => Request = request;

    /// <summary>Gets the question as asked.</summary>
    public InputRequested Request { get; }

    /// <summary>Gets the answer, when someone answered.</summary>
    public InputProvided? Answer { get; private set; }

    /// <summary>Gets the timeout, when nobody answered in time.</summary>
    public InputTimedOut? TimedOut { get; private set; }

    /// <summary>Gets the review verdict the answer gave, for a person who reviews or approves.</summary>
    public ReviewVerdictRecorded? Verdict { get; private set; }

    /// <summary>Gets whether the question is still open (the run waits, or stopped while waiting).</summary>
    public bool IsWaiting => Answer is null && TimedOut is null;

    /// <summary>Gets how long the question was open before it was answered or timed out; <see langword="null"/> while it is open.</summary>
    public TimeSpan? Waited => (Answer?.Timestamp ?? TimedOut?.Timestamp) - Request.Timestamp;

    internal bool Answers(long request) => IsWaiting && Request.Sequence == request;

    internal void SetAnswer(InputProvided answer) => Answer = answer;

    internal void SetTimedOut(InputTimedOut timedOut) => TimedOut = timedOut;

    internal void SetVerdict(ReviewVerdictRecorded verdict) => Verdict = verdict;
}
