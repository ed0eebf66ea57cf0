using Baton.Journal;

namespace Baton.Orleans.Tests.Cluster;

/// <summary>Checks one run's journal against what the model server received.</summary>
internal static class JournalAudit
{
    /// <summary>What a run's journal says about its executions.</summary>
    public sealed record Findings(int Resumes, int FlaggedResends, IReadOnlyList<DateTimeOffset> ResumedAt, IReadOnlyList<string> Problems);

    public static Findings Check(string key, IReadOnlyList<JournalEvent> journal, IReadOnlyDictionary<(string Run, string Agent), int> serverCounts)
    {
        var problems = new List<string>();
        for (var i = 0; i < journal.Count; i++)
        {
            if (journal[i].Sequence != i)
            {
                problems.Add($"event #{i} has sequence {journal[i].Sequence}");
            }
        }

        // Leases: run_started takes epoch 1, each run_resumed a higher one, and every other event carries the epoch
        // of the lease then held. An event of an older epoch after a newer lease began is a zombie's write the store
        // should have refused.
        long epoch = 0;
        foreach (var e in journal)
        {
            if (e is RunStarted or RunResumed)
            {
                if (e.LeaseEpoch <= epoch)
                {
                    problems.Add($"event #{e.Sequence} ({e.Kind}) takes lease epoch {e.LeaseEpoch}, not above {epoch}");
                }

                epoch = e.LeaseEpoch;
            }
            else if (e.LeaseEpoch != epoch)
            {
                problems.Add($"event #{e.Sequence} ({e.Kind}) was written under lease epoch {e.LeaseEpoch} while epoch {epoch} held the run");
            }
        }

        if (journal.Count == 0 || journal[^1] is not RunEnded { Status: RunStatus.Completed })
        {
            problems.Add($"did not end completed (last event: {(journal.Count == 0 ? "none" : journal[^1].Kind)})");
        }

        if (journal.OfType<RunEnded>().Count() > 1)
        {
            problems.Add("more than one run_ended");
        }

        var flaggedByAgent = new Dictionary<string, int>(StringComparer.Ordinal);
        var resumes = journal.OfType<RunResumed>().ToList();
        foreach (var resumed in resumes.Where(r => r.ResendsInFlightCall))
        {
            var inFlight = journal.Take((int)resumed.Sequence).OfType<AgentCalled>().LastOrDefault()?.Agent ?? "?";
            flaggedByAgent[inFlight] = flaggedByAgent.GetValueOrDefault(inFlight) + 1;
        }

        foreach (var agent in ClusterHarness.Agents)
        {
            // Each step's events exactly once: no duplicate and no missing continuation.
            foreach (var kind in new[] { typeof(HandoffRecorded), typeof(AgentCalled), typeof(AgentAnswered), typeof(OutputRecorded) })
            {
                var count = journal.Count(e => e.GetType() == kind && e.Agent == agent);
                if (count != 1)
                {
                    problems.Add($"{agent}: {count} {kind.Name} events");
                }
            }

            // agent_called is stored before the request goes out, so a flagged call may never have reached the model
            // (its silo died between the two): a flag allows one more request, it does not require one.
            var received = serverCounts.GetValueOrDefault((key, agent));
            var flagged = flaggedByAgent.GetValueOrDefault(agent);
            if (received < 1 || received > 1 + flagged)
            {
                problems.Add($"{agent}: the model received {received} request(s); the journal allows 1 to {1 + flagged} (1 + {flagged} flagged re-send)");
            }
        }

        return new Findings(resumes.Count, resumes.Count(r => r.ResendsInFlightCall), [.. resumes.Select(r => r.Timestamp)], problems);
    }

    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }
}
