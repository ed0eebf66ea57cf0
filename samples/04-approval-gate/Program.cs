// Sample 4: an approval gate. A writer drafts a reply to a customer; a support lead (a person) must approve it before
// it goes out. The run waits for them durably: it ends with AwaitingInput and holds nothing in memory, so each step
// below can be a separate process (a web request, a CLI call, a worker) that opens the same SQLite store.
//
//   dotnet run --project samples/04-approval-gate                     the whole story in one go (start, reject, approve)
//   dotnet run --project samples/04-approval-gate -- start            draft a reply; the run waits for the lead
//   dotnet run --project samples/04-approval-gate -- pending          runs waiting for a person
//   dotnet run --project samples/04-approval-gate -- reject RUN "..."  send the draft back with feedback
//   dotnet run --project samples/04-approval-gate -- approve RUN      approve it: the run completes
//   dotnet run --project samples/04-approval-gate -- sweep            apply the timeouts that passed (a timer's job)
using Baton;
using Baton.Context;
using Baton.Humans;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Samples.ApprovalGate;
using Baton.Storage.Sqlite;

var folder = Path.Combine(Directory.GetCurrentDirectory(), ".baton");
var outbox = new EmailOutbox(Path.Combine(folder, "outbox"));
var storePath = Path.Combine(folder, "approval-sample.db");

switch (args)
{
    case [] or ["demo"]:
        var runId = await StartAsync();
        await AnswerAsync(runId, HumanAnswer.Reject("Say the amount and when the refund reaches the customer."), "lead:alice");
        await AnswerAsync(runId, HumanAnswer.Approve("Good to send."), "lead:alice");
        return 0;
    case ["start"]:
        await StartAsync();
        return 0;
    case ["pending"]:
        await ListPendingAsync();
        return 0;
    case ["approve", var run]:
        return await AnswerAsync(run, HumanAnswer.Approve(), Environment.UserName);
    case ["reject", var run, var feedback]:
        return await AnswerAsync(run, HumanAnswer.Reject(feedback), Environment.UserName);
    case ["sweep"]:
        await SweepAsync();
        return 0;
    default:
        Console.Error.WriteLine("usage: [demo] | start | pending | approve RUN | reject RUN \"feedback\" | sweep");
        return 2;
}

// Each step opens its own store and runner, as a separate process would: nothing of the run is kept in memory.
async Task<string> StartAsync()
{
    await using var store = new SqliteRunStore(storePath);
    var runner = Runner(store);
    var ticket = HandoffContext.Create(
        "Customer Sam was charged twice (19.99 EUR) for May and asks for the money back.",
        intent: "Tell Sam the duplicate charge is refunded, and when.",
        constraints: ["Be polite and brief.", "Never promise what billing has not done."]);
    var result = await runner.RunAsync(ReplyDesk.Create(), ticket);
    Console.WriteLine($"run {result.RunId}: {result.Status}: {result.Reason}");
    return result.RunId;
}

async Task<int> AnswerAsync(string runId, HumanAnswer answer, string respondent)
{
    await using var store = new SqliteRunStore(storePath);
    var result = await Runner(store).ProvideInputAsync(ReplyDesk.Create(), runId, answer, respondent);
    Console.WriteLine($"{respondent} answered ({answer.Kind}): {result.Outcome}: {result.Message}");
    foreach (var error in result.Errors)
    {
        Console.WriteLine($"  - {error}");
    }

    if (result.Run.Status == RunStatus.Completed)
    {
        Console.WriteLine($"approved reply: {result.Run.FinalText}");
    }

    return result.IsAccepted ? 0 : 1;
}

async Task ListPendingAsync()
{
    await using var store = new SqliteRunStore(storePath);
    foreach (var pending in await Runner(store).ListPendingAsync())
    {
        Console.WriteLine($"{pending.RunId}  step {pending.Step}  asked {pending.Assignee} at {pending.RequestedAt:u}  due {pending.DueAt:u}{(pending.IsOverdue ? "  OVERDUE" : string.Empty)}");
    }
}

async Task SweepAsync()
{
    await using var store = new SqliteRunStore(storePath);
    foreach (var run in await Runner(store).ApplyExpiredWaitsAsync(p => p.Orchestration == "customer_reply" ? ReplyDesk.Create() : null))
    {
        Console.WriteLine($"run {run.RunId}: the wait timed out; now {run.Status}: {run.Reason}");
    }
}

HandoffRunner Runner(IRunStore store)
{
    var options = new HandoffRunnerOptions { Store = store };
    options.Observers.Add(new PendingInputObserver(outbox.Notify));
    return new HandoffRunner(options);
}
