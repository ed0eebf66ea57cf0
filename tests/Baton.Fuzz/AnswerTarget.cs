using System.Text.Json;
using Baton.Agents;
using Baton.Humans;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Orchestration.Review;
using Baton.Validation;

namespace Baton.Fuzz;

/// <summary>
/// The fuzz target for people's answers: each generated answer is given with <c>HandoffRunner.ProvideInputAsync</c> to a
/// copy of a run that waits for it. It must be taken (and the run continue, and replay) or refused with typed errors and
/// nothing written; never an exception.
/// </summary>
internal static class AnswerTarget
{
    private const string RunId = "fuzz-answer";

    private static readonly OutputContract s_contract = OutputContract.FromSchema(
        JsonDocument.Parse("""
            {"type": "object", "required": ["action"], "additionalProperties": false,
             "properties": {"action": {"enum": ["refund", "decline"]}, "amount": {"type": "number", "minimum": 0, "maximum": 1000}, "note": {"type": "string", "maxLength": 200}}}
            """).RootElement,
        "resolution");

    private static readonly Lazy<Dictionary<AnswerInputs.Step, (Orchestration.Orchestration Orchestration, IReadOnlyList<JournalEvent> Journal)>> s_waiting = new(Record);

    public static void Check(AnswerInputs.Case input)
    {
        var (orchestration, journal) = s_waiting.Value[input.Step];
        var store = new InMemoryRunStore();
        store.AppendAsync(RunId, 0, journal).AsTask().GetAwaiter().GetResult();
        var runner = new HandoffRunner(new HandoffRunnerOptions { Store = store });

        var result = runner.ProvideInputAsync(orchestration, RunId, Answer(input), "fuzz").GetAwaiter().GetResult();

        Assert.True(Enum.IsDefined(result.Outcome));
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        Assert.Equal(-1, JsonText.IndexOfLoneSurrogate(result.Message));
        var after = store.ReadAsync(RunId).AsTask().GetAwaiter().GetResult();
        switch (result.Outcome)
        {
            case InputOutcome.Invalid:
                // Refused: the contract's (or the reader's) errors, and the run still waits, unchanged.
                Assert.NotEmpty(result.Errors);
                Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
                Assert.All(result.Errors, e => Assert.Equal(-1, JsonText.IndexOfLoneSurrogate(e.Message)));
                Assert.Equal(journal.Count, after.Count);
                Assert.Equal(RunStatus.AwaitingInput, result.Run.Status);
                break;
            case InputOutcome.Accepted:
                // Taken: journaled once, the run went on, and its replay reproduces it without asking again.
                var provided = Assert.Single(after.OfType<InputProvided>());
                Assert.Equal("fuzz", provided.Respondent);
                Assert.True(result.Run.Status is RunStatus.Completed or RunStatus.AwaitingInput, result.Run.Reason);
                if (input.Step == AnswerInputs.Step.Contract)
                {
                    var output = after.OfType<OutputRecorded>().Single(o => o.Name == "resolution");
                    Assert.True(s_contract.Validate(output.Value).IsValid, $"an answer that breaks the contract was recorded: {output.Value}");
                }

                var replay = runner.ReplayAsync(orchestration, RunId).GetAwaiter().GetResult();
                Assert.True(replay.Matched, replay.Divergence);
                break;
            default:
                Assert.Fail($"{result.Outcome} for a run that waits for this very answer: {result.Message}");
                break;
        }
    }

    private static HumanAnswer Answer(AnswerInputs.Case input) => input.Kind switch
    {
        AnswerInputs.Kind.Json when TryParse(input.Text, out var value) => HumanAnswer.FromJson(value),
        AnswerInputs.Kind.Approve => HumanAnswer.Approve(input.Text),
        AnswerInputs.Kind.Reject when !string.IsNullOrWhiteSpace(input.Text) => HumanAnswer.Reject(input.Text),
        _ => HumanAnswer.FromText(input.Text),
    };

    private static bool TryParse(string text, out JsonElement value)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            value = document.RootElement.Clone();
            return true;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            value = default;
            return false;
        }
    }

    // The three kinds of step a person answers, each run once until it waits: their journals are copied for every input.
    private static Dictionary<AnswerInputs.Step, (Orchestration.Orchestration, IReadOnlyList<JournalEvent>)> Record()
    {
        var triage = new Agent("triage", new FixedChatClient("Double charge on invoice 42.")) { Writes = "summary" };
        var writer = new Agent("writer", new FixedChatClient("Hello Sam, we refunded the duplicate charge.")) { Writes = "reply" };
        var steps = new Dictionary<AnswerInputs.Step, Orchestration.Orchestration>
        {
            [AnswerInputs.Step.Contract] = Pipeline.Sequential(
                "contract",
                triage,
                new Agent("lead", new HumanParticipant { Question = "Decide the resolution.", Assignee = "support-leads" }) { Reads = ["summary"], Writes = "resolution", Contract = s_contract }),
            [AnswerInputs.Step.Text] = Pipeline.Sequential("text", triage, new Agent("lead", new HumanParticipant { Question = "Write the reply." }) { Reads = ["summary"] }),
            [AnswerInputs.Step.Verdict] = Pipeline.ReviewLoop("verdict", writer, new Agent("lead", new HumanParticipant { Question = "Approve the reply?" }), new ReviewLoopOptions { MaxRounds = 2 }),
        };
        return steps.ToDictionary(s => s.Key, s =>
        {
            var store = new InMemoryRunStore();
            var run = new HandoffRunner(new HandoffRunnerOptions { Store = store, RunIdFactory = () => RunId })
                .RunAsync(s.Value, "Customer charged twice.").GetAwaiter().GetResult();
            Assert.Equal(RunStatus.AwaitingInput, run.Status);
            return (s.Value, store.ReadAsync(RunId).AsTask().GetAwaiter().GetResult());
        });
    }
}
