using Baton.Context;
using Baton.Journal;

namespace Baton.Evaluation.Internal;

/// <summary>Follows an output back through the handoffs that fed its producer, as the journal recorded them.</summary>
internal static class OutputLineage
{
    private const int MaxDepth = 64;

    public static IReadOnlyList<HandoffOutput> Upstream(IReadOnlyList<JournalEvent> journal, HandoffOutput output, bool originsOnly)
    {
        var found = new List<OutputRecorded>();
        var seen = new HashSet<long>();
        var target = journal.OfType<OutputRecorded>().LastOrDefault(o => o.Name == output.Name && o.Step == output.Step);
        if (target is not null)
        {
            Walk(journal, target, found, seen, originsOnly, 0);
        }

        return [.. found.OrderBy(o => o.Sequence).Select(ToOutput)];
    }

    private static void Walk(IReadOnlyList<JournalEvent> journal, OutputRecorded output, List<OutputRecorded> found, HashSet<long> seen, bool originsOnly, int depth)
    {
        var inputs = InputsOf(journal, output);
        foreach (var input in inputs)
        {
            if (!seen.Add(input.Sequence))
            {
                continue;
            }

            var isOrigin = depth >= MaxDepth || InputsOf(journal, input).Count == 0;
            if (!originsOnly || isOrigin)
            {
                found.Add(input);
            }

            if (depth < MaxDepth)
            {
                Walk(journal, input, found, seen, originsOnly, depth + 1);
            }
        }
    }

    private static List<OutputRecorded> InputsOf(IReadOnlyList<JournalEvent> journal, OutputRecorded output)
    {
        if (output.Step <= 0)
        {
            return [];
        }

        var handoff = journal.OfType<HandoffRecorded>().LastOrDefault(h => h.Step == output.Step && h.Sequence < output.Sequence);
        if (handoff is null || handoff.Outputs.IsDefaultOrEmpty)
        {
            return [];
        }

        var inputs = new List<OutputRecorded>();
        foreach (var name in handoff.Outputs)
        {
            if (journal.OfType<OutputRecorded>().LastOrDefault(o => o.Name == name && o.Sequence < handoff.Sequence) is { } input)
            {
                inputs.Add(input);
            }
        }

        return inputs;
    }

    private static HandoffOutput ToOutput(OutputRecorded o) => new()
    {
        Name = o.Name,
        Value = o.Value,
        ProducedBy = o.Agent ?? "caller",
        Step = o.Step,
        Timestamp = o.Timestamp,
        Via = o.Via,
    };
}
