using Baton.Journal;
using Baton.Validation;

namespace Baton.Tests.Journal;

public class ValidationEventsJsonTests
{
    [Fact]
    public void JournalSerializer_NewEvents_RoundTripWithKindAndSnakeCase()
    {
        JournalEvent[] events =
        [
            new ValidationFailed { RunId = "r", Sequence = 4, Step = 1, Agent = "a", Attempt = 2, Contract = "facts", Errors = [new OutputValidationError("/facts/0", "Required properties [\"source\"] are not present (required)")], Next = "reask" },
            new FallbackUsed { RunId = "r", Sequence = 5, Step = 1, Agent = "a", Via = OutputVia.FixedAnswer, Reason = "invalid" },
            new ContextCompressed { RunId = "r", Sequence = 6, Step = 2, Agent = "b", Budget = 100, TokensBefore = 250, TokensAfter = 90, Strategies = ["truncate"], DroppedOutputs = ["x"], FitsBudget = true },
        ];

        foreach (var e in events)
        {
            var json = JournalSerializer.Serialize(e);
            var back = JournalSerializer.Deserialize(json);

            Assert.Equal(e.GetType(), back.GetType());
            Assert.Equal(json, JournalSerializer.Serialize(back));
        }

        var validation = JournalSerializer.Serialize(events[0]);
        Assert.Contains("\"kind\":\"validation_failed\"", validation, StringComparison.Ordinal);
        Assert.Contains("\"path\":\"/facts/0\"", validation, StringComparison.Ordinal);
        Assert.Contains("\"tokens_before\":250", JournalSerializer.Serialize(events[2]), StringComparison.Ordinal);
        Assert.Equal("fallback_used", events[1].Kind);
    }
}
