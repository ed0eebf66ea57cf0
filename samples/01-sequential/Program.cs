// Sample 1: a sequential pipeline (research -> writer -> editor) on a scripted model.
// Each agent receives structured context: the task, the intent, the constraints and the outputs it reads,
// never the previous agent's raw reply. Swap the scripted client for any IChatClient to use a real model.
using Baton.Agents;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Samples.Sequential;

var model = ScriptedModel.Create();

var researcher = new Agent("researcher", model)
{
    Instructions = "You are a research specialist. Return JSON with 'summary', 'key_facts' (list) and 'sources' (list).",
    Writes = "research",
    OutputFormat = AgentOutputFormat.Json,
    MaxOutputTokens = 800, // each reply's cap (defaults: 2048 for an agent, 512 for a supervisor, 1024 for a reviewer)
};
var writer = new Agent("writer", model)
{
    Instructions = "You are a content writer for a general audience. Use only the research you are given.",
    Writes = "draft",
    MaxOutputTokens = 1200,
};
var editor = new Agent("editor", model)
{
    Instructions = "You are an editor. Return only the edited draft, no commentary.",
    Reads = ["draft"],
    Writes = "article",
    MaxOutputTokens = 1200,
};

var pipeline = Pipeline.Sequential("article", researcher, writer, editor);
var options = new HandoffRunnerOptions();
options.Observers.Add(new ConsoleProgress(Console.Out));
var runner = new HandoffRunner(options);

var context = HandoffContext.Create(
    "climate change impacts on agriculture",
    intent: "A short, accurate article for the general public on how climate change affects farming.",
    constraints: ["short sentences", "active voice", "no jargon"]);

var result = await runner.RunAsync(pipeline, context);

Console.WriteLine();
Console.WriteLine($"Run {result.RunId}: {result.Status} after {result.Steps} steps, {result.InputTokens + result.OutputTokens} tokens, {result.Journal.Count} journal events.");
Console.WriteLine($"Reason: {result.Reason}");
Console.WriteLine();
Console.WriteLine("Final output (" + result.FinalOutput?.Name + "):");
Console.WriteLine(result.FinalText);
return result.IsCompleted ? 0 : 1;
