// Runs (or resumes) a six-agent pipeline against a SQLite store, for the crash and lease tests. Exit codes: 0 done,
// 2 usage, 3 the run was lost to another execution (its lease was taken over, or a resume race was lost).
// Usage: Baton.CrashHost run|resume <database> <request-log> <run-id> <seed>
using System.Globalization;
using Baton.Agents;
using Baton.Context;
using Baton.CrashHost;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Storage.Sqlite;

if (args.Length != 5 || args[0] is not ("run" or "resume"))
{
    Console.Error.WriteLine("usage: Baton.CrashHost run|resume <database> <request-log> <run-id> <seed>");
    return 2;
}

var (mode, database, requestLog, runId) = (args[0], args[1], args[2], args[3]);
var seed = int.Parse(args[4], CultureInfo.InvariantCulture);
await using var store = new SqliteRunStore(database);
var client = new CountingChatClient(requestLog, seed);
string[] names = ["researcher", "outliner", "writer", "editor", "critic", "publisher"];
var pipeline = Pipeline.Sequential(
    "crash-test",
    [.. names.Select(n => (Orchestration)new Agent(n, client) { Instructions = $"You are {n}.", Writes = n + "_out" })]);
var options = new HandoffRunnerOptions { Store = store };
options.Observers.Add(new StdoutObserver());
var runner = new HandoffRunner(options);
try
{
    var result = mode == "run"
        ? await runner.RunAsync(pipeline, HandoffContext.Create("Write a short report on durable journals."), new RunOptions { RunId = runId })
        : await runner.ResumeAsync(pipeline, runId);
    Console.Out.WriteLine($"done {result.Status}");
    return 0;
}
catch (JournalConcurrencyException ex)
{
    // Another execution holds the run (a newer lease, or a lost race): stop without writing, and say so.
    Console.Out.WriteLine($"lost {ex.GetType().Name}: {ex.Message}");
    return 3;
}
