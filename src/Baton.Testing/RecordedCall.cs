using Baton.Journal;

namespace Baton.Testing;

/// <summary>A model call of a recorded run with its outcome (an answer or a failure).</summary>
internal sealed class RecordedCall(AgentCalled request, JournalEvent outcome)
{
    public AgentCalled Request { get; } = request;

    public JournalEvent Outcome { get; } = outcome;

    public bool Used { get; set; }

    /// <summary>Pairs each <see cref="AgentCalled"/> with the answer or failure that follows it; unanswered calls are left out.</summary>
    public static List<RecordedCall> From(IReadOnlyList<JournalEvent> journal)
    {
        var calls = new List<RecordedCall>();
        AgentCalled? pending = null;
        foreach (var e in journal)
        {
            switch (e)
            {
                case AgentCalled called:
                    pending = called;
                    break;
                case AgentAnswered or AgentFailed when pending is not null && e.Step == pending.Step && e.Agent == pending.Agent:
                    calls.Add(new RecordedCall(pending, e));
                    pending = null;
                    break;
                default:
                    break;
            }
        }

        return calls;
    }
}
