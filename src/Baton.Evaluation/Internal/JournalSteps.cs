using Baton.Journal;

namespace Baton.Evaluation.Internal;

/// <summary>
/// Folds a run's journal into one <see cref="EvalStep"/> per agent step. The only place Baton.Evaluation reads
/// per-step facts from journal events, so it can be replaced by a per-step projection in the core library.
/// </summary>
internal static class JournalSteps
{
    public static IReadOnlyList<EvalStep> Read(IReadOnlyList<JournalEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var steps = new List<Accumulator>();
        var byStep = new Dictionary<int, Accumulator>();
        foreach (var e in events)
        {
            if (e is HandoffRecorded handoff)
            {
                var step = new Accumulator(handoff.Step, handoff.From, handoff.To);
                byStep[handoff.Step] = step;
                steps.Add(step);
                continue;
            }

            if (e.Step <= 0 || e is OutputRecorded or RunEnded or RunStarted or RunResumed)
            {
                continue;
            }

            if (!byStep.TryGetValue(e.Step, out var current))
            {
                // A call without a handoff (a supervisor's routing call) is a step of its own, handed over by whoever worked last.
                current = new Accumulator(e.Step, steps.Count == 0 ? null : steps[^1].Agent, e.Agent ?? "?");
                byStep[e.Step] = current;
                steps.Add(current);
            }

            switch (e)
            {
                case AgentCalled called:
                    current.Calls++;
                    if (called.Attempt > 1)
                    {
                        current.Reasks++;
                    }

                    break;
                case AgentAnswered answered:
                    current.Retries += answered.Retries;
                    current.InputTokens += answered.InputTokens ?? 0;
                    current.OutputTokens += answered.OutputTokens ?? 0;
                    current.LatencyMs += answered.LatencyMs;
                    // ToString: the path name whether the journal types it as text or as a typed value.
                    if (!string.Equals(answered.ServedBy.ToString(), "primary", StringComparison.Ordinal))
                    {
                        current.Fallbacks++;
                    }

                    break;
                case AgentFailed failed:
                    current.FailedCalls++;
                    current.LatencyMs += failed.LatencyMs;
                    break;
                case ValidationFailed:
                    current.ValidationFailures++;
                    break;
                case FallbackUsed:
                    current.Fallbacks++;
                    break;
                case ContextCompressed:
                    current.Compressions++;
                    break;
                default:
                    break;
            }
        }

        return [.. steps.Select(s => s.ToStep())];
    }

    private sealed class Accumulator(int step, string? from, string agent)
    {
        public string Agent => agent;

        public int Calls;
        public int Retries;
        public int Reasks;
        public int ValidationFailures;
        public int Fallbacks;
        public int Compressions;
        public int FailedCalls;
        public long InputTokens;
        public long OutputTokens;
        public double LatencyMs;

        public EvalStep ToStep() =>
            new(step, from, agent, Calls, Retries, Reasks, ValidationFailures, Fallbacks, Compressions, FailedCalls, InputTokens, OutputTokens, LatencyMs);
    }
}
