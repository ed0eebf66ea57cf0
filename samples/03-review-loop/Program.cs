// Sample 3: a peer review loop (handoff model 3) on a scripted model.
// A writer drafts a product note; an editor answers APPROVED: or REVISE: with specific feedback. The verdict is read
// only from the editor's reply, so the writer's attempt to approve its own draft does not end the loop. After
// ReviewLoopOptions.MaxRounds without approval the run would end with RoundLimitReached and the last draft.
using Baton.Agents;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Orchestration.Review;
using Baton.Samples.ReviewLoop;

var model = ScriptedModel.Create();

var writer = new Agent("writer", model)
{
    Instructions = "You write short product notes for customers.",
    Writes = "note",
    MaxOutputTokens = 400, // three sentences, with room to spare
};
var editor = new Agent("editor", model)
{
    Instructions = "You are a strict editor. Check accuracy, tone and length against the task and intent.",
    MaxOutputTokens = 500, // a verdict and its feedback (a reviewer's default is 1024)
};

var loop = Pipeline.ReviewLoop("product_note", writer, editor, new ReviewLoopOptions { MaxRounds = 3 });
var context = HandoffContext.Create(
    "Write a product note announcing report exports.",
    intent: "Three plain sentences telling customers where the export button is and which formats it supports.",
    constraints: ["No slang.", "At most three sentences."]);

var result = await new HandoffRunner().RunAsync(loop, context);

foreach (var e in result.Journal)
{
    switch (e)
    {
        case OutputRecorded draft:
            Console.WriteLine($"step {draft.Step}: {draft.Agent} wrote draft: {draft.Value.GetString()}");
            break;
        case ReviewVerdictRecorded verdict:
            Console.WriteLine($"step {verdict.Step}: {verdict.Agent} round {verdict.Round} verdict: {verdict.Verdict.Value.ToUpperInvariant()} {verdict.Feedback}");
            break;
        default:
            break;
    }
}

Console.WriteLine();
Console.WriteLine($"Run {result.RunId}: {result.Status} after {result.Steps} steps ({result.Reason})");
Console.WriteLine($"Final note: {result.FinalText}");
return result.IsCompleted ? 0 : 1;
