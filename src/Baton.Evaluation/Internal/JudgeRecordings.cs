using Baton.Journal;

namespace Baton.Evaluation.Internal;

/// <summary>The judge answers recorded in the journals of an earlier evaluation, by request hash, for re-scoring without model calls.</summary>
internal sealed class JudgeRecordings
{
    private readonly Dictionary<string, (AgentAnswered Answer, string RunId)> _answers = new(StringComparer.Ordinal);

    public int Count => _answers.Count;

    public void Add(IReadOnlyList<JournalEvent> journal)
    {
        var pending = new Dictionary<(int Step, int Attempt), string>();
        foreach (var e in journal)
        {
            switch (e)
            {
                case AgentCalled called:
                    pending[(called.Step, called.Attempt)] = called.RequestHash;
                    break;
                case AgentAnswered answered when pending.TryGetValue((answered.Step, answered.Attempt), out var hash):
                    _answers.TryAdd(hash, (answered, answered.RunId));
                    break;
                default:
                    break;
            }
        }
    }

    public bool TryGet(string requestHash, out AgentAnswered answer, out string runId)
    {
        if (_answers.TryGetValue(requestHash, out var found))
        {
            (answer, runId) = found;
            return true;
        }

        answer = null!;
        runId = string.Empty;
        return false;
    }
}
