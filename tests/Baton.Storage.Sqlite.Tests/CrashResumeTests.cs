using System.Collections.Concurrent;
using Baton.Journal;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>
/// Kills a real process (SIGKILL) running a six-agent pipeline on SQLite at many points, resumes it in a new
/// process, and checks what the journal and the model saw.
/// </summary>
public sealed class CrashResumeTests
{
    // The uninterrupted run writes 26 events: run_started, 4 per agent (handoff, called, answered, output), run_ended.
    private const int EventsInCleanRun = 26;
    private const int Agents = 6;
    private static readonly string[] AgentNames = ["researcher", "outliner", "writer", "editor", "critic", "publisher"];

    [Fact]
    public async Task Kill9_AtEveryEventAndMidWrite_ResumeCompletesWithoutRepeatingRecordedCalls()
    {
        var ct = TestContext.Current.CancellationToken;
        var trials = BuildTrials();
        var killPoints = 0;
        var resentInFlight = 0;
        var failures = new ConcurrentBag<string>();
        using var gate = new SemaphoreSlim(3);

        await Task.WhenAll(trials.Select(async trial =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var (kills, resends) = await RunTrialAsync(trial, failures, ct);
                Interlocked.Add(ref killPoints, kills);
                Interlocked.Add(ref resentInFlight, resends);
            }
            finally
            {
                gate.Release();
            }
        }));

        TestContext.Current.SendDiagnosticMessage($"crash test: {trials.Count} trials, {killPoints} kill -9 points, {resentInFlight} in-flight calls re-sent");
        TestContext.Current.TestOutputHelper?.WriteLine($"crash test: {trials.Count} trials, {killPoints} kill -9 points, {resentInFlight} in-flight calls re-sent");
        Assert.Empty(failures);

        // Every planned kill lands on a live process (the host waits after each event and each received request):
        // 25 after-event kills, 6 in-flight kills and 10 mid-write kills in a resume.
        var planned = trials.Count + trials.Count(t => t.Second is not null);
        Assert.Equal(41, planned);
        Assert.Equal(planned, killPoints);
    }

    private static List<Trial> BuildTrials()
    {
        var trials = new List<Trial>();
        for (var afterEvent = 0; afterEvent < EventsInCleanRun - 1; afterEvent++)
        {
            // Some trials also kill the first resume mid-write: released after a line, killed 1-4 ms later.
            // Near the end only the first line is safe: a release after run_ended lets the host exit before the kill.
            var line = afterEvent >= EventsInCleanRun - 5 ? 1 : 1 + (afterEvent % 3);
            var second = afterEvent % 5 is 1 or 3 ? new CrashHostProcess.KillPlan(line, null, 1 + (afterEvent % 4)) : null;
            trials.Add(new Trial($"after event {afterEvent}", new(null, $"event {afterEvent} ", 0), afterEvent + 1, second, null));
        }

        // Killed while the model holds the request and before its answer is recorded: the call must be re-sent.
        for (var step = 1; step <= Agents; step++)
        {
            var agent = AgentNames[step - 1];
            trials.Add(new Trial($"in flight at {agent}", new(null, $"sent {agent}", 0), (4 * step) - 1, null, agent));
        }

        return trials;
    }

    private static async Task<(int Kills, int Resends)> RunTrialAsync(Trial trial, ConcurrentBag<string> failures, CancellationToken ct)
    {
        using var directory = new TempDirectory();
        var database = directory.File("runs.db");
        var requestLog = directory.File("requests.log");
        var runId = $"crash-{trial.Name.Replace(' ', '-')}";
        var seed = trial.ExpectedDurable;
        var kills = 0;
        var problems = new List<string>();

        var first = await CrashHostProcess.RunAsync("run", database, requestLog, runId, seed, trial.First, ct);
        kills += first.Killed ? 1 : 0;
        await using (var store = new SqliteRunStore(database))
        {
            // Killed while blocked right after event N: exactly events 0..N are durable, none lost, none extra.
            var durable = (await store.ReadAsync(runId, ct)).Count;
            if (!first.Killed || durable != trial.ExpectedDurable)
            {
                problems.Add($"after the kill the journal holds {durable} events, expected {trial.ExpectedDurable} (killed: {first.Killed})");
            }
        }

        if (trial.Second is { } plan)
        {
            var second = await CrashHostProcess.RunAsync("resume", database, requestLog, runId, seed + 100, plan, ct);
            kills += second.Killed ? 1 : 0;
        }

        var last = await CrashHostProcess.RunAsync("resume", database, requestLog, runId, seed + 200, null, ct);
        if (!last.Lines.Contains("done Completed"))
        {
            problems.Add($"the final resume did not complete: {string.Join(" | ", last.Lines.TakeLast(3))} {last.Errors}");
        }

        var resends = 0;
        await using (var store = new SqliteRunStore(database))
        {
            var integrity = await store.CheckIntegrityAsync(ct);
            if (integrity != "ok")
            {
                problems.Add($"PRAGMA integrity_check: {integrity}");
            }

            var events = await store.ReadAsync(runId, ct);
            var requests = File.ReadAllLines(requestLog);
            resends = CheckJournal(events, requests, problems);
            if (trial.InFlightAgent is { } agent)
            {
                // The in-flight call reached the model once before the kill and once after: re-sent, and flagged.
                var sent = requests.Count(l => l.StartsWith(agent + "\t", StringComparison.Ordinal));
                var flagged = events.OfType<RunResumed>().Count(r => r.ResendsInFlightCall);
                if (sent != 2 || flagged != 1)
                {
                    problems.Add($"in-flight call of {agent}: sent {sent} times (expected 2), {flagged} run_resumed flag it (expected 1)");
                }
            }
        }

        foreach (var problem in problems)
        {
            failures.Add($"{trial}: {problem}");
        }

        return (kills, resends);
    }

    /// <summary>Checks the final journal and the requests the model saw; returns how many in-flight calls were re-sent.</summary>
    private static int CheckJournal(IReadOnlyList<JournalEvent> events, string[] requests, List<string> problems)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Sequence != i)
            {
                problems.Add($"event #{i} has sequence {events[i].Sequence}: an event was lost or duplicated");
                return 0;
            }
        }

        var state = RunState.FromEvents(events);
        if (state.Status != RunStatus.Completed || events[^1] is not RunEnded)
        {
            problems.Add($"the run ended {state.Status}, not Completed");
        }

        // Exactly one of each step's events: nothing recorded twice, nothing lost.
        foreach (var kind in new[] { "handoff", "agent_called", "agent_answered", "output_recorded" })
        {
            var steps = events.Where(e => e.Kind == kind).Select(e => e.Step).ToList();
            if (!steps.SequenceEqual(Enumerable.Range(1, Agents)))
            {
                problems.Add($"{kind} events at steps [{string.Join(',', steps)}], expected 1..{Agents} once each");
            }
        }

        var sent = requests.Where(l => l.Length > 0).Select(l => l.Split('\t')).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.ToList());
        var extra = 0;
        foreach (var called in events.OfType<AgentCalled>())
        {
            var times = sent.TryGetValue(called.Agent!, out var lines) ? lines.Count : 0;
            var allowedResends = events.OfType<RunResumed>().Count(r => r.ResendsInFlightCall && r.Step == called.Step);
            if (times < 1 || times > 1 + allowedResends)
            {
                problems.Add($"agent {called.Agent} (step {called.Step}) was sent {times} requests; allowed 1 + {allowedResends} flagged in-flight re-sends");
            }

            if (lines is not null && lines.Any(p => p.Length < 2 || p[1] != called.RequestHash))
            {
                problems.Add($"agent {called.Agent} received a request whose hash differs from the journal's");
            }

            extra += Math.Max(0, times - 1);
        }

        return extra;
    }

    private sealed record Trial(string Name, CrashHostProcess.KillPlan First, int ExpectedDurable, CrashHostProcess.KillPlan? Second, string? InFlightAgent);
}
