// Context growth over a 20-hop chain: input tokens Baton sends (views under a per-agent budget) versus a
// full-history baseline where every agent receives every prior message (the Agent Framework sequential default).
// Tokens are counted with the real o200k_base tokenizer. Run: dotnet run -c Release --project bench/Baton.ContextGrowth
using System.Globalization;
using Baton;
using Baton.Agents;
using Baton.Compression;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Testing;

const int Hops = 20;
const int ReplyTokens = 500;
const int Budget = 1_000;
var counter = TiktokenTokenCounter.Default;
var context = HandoffContext.Create(
    "Write a briefing on how the 2022 drought changed wheat yields in the EU, with sources.",
    "A policy-maker's one-page briefing on drought and EU wheat",
    ["cite a source for every number", "plain language"]);
var names = Enumerable.Range(1, Hops).Select(i => $"agent{i:00}").ToArray();
var replies = names.Select((n, i) => Reply(counter, i)).ToArray();
var instructions = names.Select(n => $"You are {n}, one specialist in a chain. Improve the work so far for the task.").ToArray();

// Baseline: hop i sees the instructions, the task, and all i-1 prior replies.
var baseline = new int[Hops];
var baselineTask = 0;
var baselineIntent = 0;
for (var i = 0; i < Hops; i++)
{
    var messages = new List<string> { instructions[i], context.OriginalTask };
    messages.AddRange(replies.Take(i));
    baseline[i] = messages.Sum(counter.CountTokens);
    baselineTask += messages.Any(m => m.Contains(context.OriginalTask, StringComparison.Ordinal)) ? 1 : 0;
    baselineIntent += messages.Any(m => m.Contains(context.Intent, StringComparison.Ordinal)) ? 1 : 0;
}

var sequential = await RunBaton(readsAll: false);
var readsAll = await RunBaton(readsAll: true);

Console.WriteLine($"Context growth, {Hops} hops, ~{ReplyTokens}-token replies, o200k_base tokens, Baton budget {Budget} tokens/agent");
Console.WriteLine();
Console.WriteLine("| hop | full history | Baton (reads previous) | Baton (reads all, compressed) |");
Console.WriteLine("|----:|-------------:|-----------------------:|------------------------------:|");
for (var i = 0; i < Hops; i++)
{
    Console.WriteLine($"| {i + 1,3} | {baseline[i],12:N0} | {sequential.PerHop[i],22:N0} | {readsAll.PerHop[i],29:N0} |");
}

var total = baseline.Sum();
Console.WriteLine($"| sum | {total,12:N0} | {sequential.PerHop.Sum(),22:N0} | {readsAll.PerHop.Sum(),29:N0} |");
Console.WriteLine();
Console.WriteLine($"Reduction vs full history: reads previous {Ratio(total, sequential.PerHop.Sum())}x, reads all {Ratio(total, readsAll.PerHop.Sum())}x");
Console.WriteLine($"Max input per hop: full history {baseline.Max():N0}; Baton {sequential.PerHop.Max():N0} / {readsAll.PerHop.Max():N0} (budget {Budget:N0})");
Console.WriteLine($"Hops that received task and intent: full history task {baselineTask}/{Hops}, intent {baselineIntent}/{Hops}; Baton {sequential.Retained}/{Hops} and {readsAll.Retained}/{Hops}");
Console.WriteLine($"Compressions (reads all): {readsAll.Compressions} of {Hops} hops");

async Task<(int[] PerHop, int Retained, int Compressions)> RunBaton(bool readsAll)
{
    var client = new ScriptedChatClient(request => replies[Array.IndexOf(names, request.Role)]);
    var agents = names.Select((n, i) => (Orchestration)new Agent(n, client)
    {
        Instructions = instructions[i],
        ContextBudget = Budget,
        Reads = readsAll ? [.. names.Take(i)] : null,
    }).ToArray();
    var runner = new HandoffRunner(new HandoffRunnerOptions { TokenCounter = counter, Limits = new Baton.Guards.RunLimits { MaxSteps = Hops } });
    var result = await runner.RunAsync(Pipeline.Sequential("chain", agents), context);
    if (result.Status != RunStatus.Completed)
    {
        throw new InvalidOperationException($"The Baton run ended {result.Status}: {result.Reason}");
    }

    var calls = result.Journal.OfType<AgentCalled>().ToArray();
    var perHop = calls.Select(c => c.ContextTokens ?? throw new InvalidOperationException("ContextTokens not recorded.")).ToArray();
    var retained = calls.Count(c => c.Messages[^1].Text.Contains("## Task\n" + context.OriginalTask, StringComparison.Ordinal)
        && c.Messages[^1].Text.Contains("## Intent\n" + context.Intent, StringComparison.Ordinal));
    return (perHop, retained, result.Journal.OfType<ContextCompressed>().Count());
}

static string Ratio(int a, int b) => ((double)a / b).ToString("0.0", CultureInfo.InvariantCulture);

static string Reply(ITokenCounter counter, int hop)
{
    string[] words = ["drought", "wheat", "yield", "fell", "percent", "in", "France", "Spain", "Italy", "Romania", "2022", "rainfall", "soil",
        "moisture", "heat", "June", "July", "harvest", "tonnes", "per", "hectare", "Eurostat", "JRC", "MARS", "bulletin", "reported", "the",
        "of", "and", "while", "irrigation", "prices", "export", "policy", "subsidy", "farmers", "insurance", "losses", "regional", "average"];
    var random = new Random(hop + 1);
    var text = new System.Text.StringBuilder($"Step {hop + 1} findings: ");
    while (counter.CountTokens(text.ToString()) < ReplyTokens)
    {
        for (var i = 0; i < 12; i++)
        {
            text.Append(words[random.Next(words.Length)]).Append(' ');
        }

        text.Append(random.Next(1, 99)).Append("%. ");
    }

    return text.ToString().TrimEnd();
}
