using Baton.Journal;

namespace Baton.Cli.Inspection;

/// <summary>One-line descriptions of the journal events that orchestrations, validation and guards write.</summary>
internal static class EventText
{
    public static string? Describe(JournalEvent e) => e switch
    {
        RoutingDecided r when r.ParseError is { } error => $"{r.Supervisor}: unusable routing decision (attempt {r.Attempt}): {error}",
        RoutingDecided r => $"{r.Supervisor} routes to {r.NextAgent ?? "DONE"}" + (r.Reasoning is { Length: > 0 } why ? $": {Clip(why)}" : string.Empty),
        ReviewVerdictRecorded v => $"{v.Agent} review round {v.Round}: {v.Verdict}" + (v.Feedback is { Length: > 0 } f ? $": {Clip(f)}" : string.Empty),
        ValidationFailed v => $"{v.Agent}'s output failed validation (attempt {v.Attempt}{(v.Contract is null ? string.Empty : $", contract '{v.Contract}'")}): {string.Join("; ", v.Errors.Select(x => x.ToString()).Take(3))}; next: {v.Next}",
        FallbackUsed f => $"{f.Agent} fell back to {f.Via}: {Clip(f.Reason)}",
        GuardTriggered g => $"guard {g.Guard} stopped '{g.Orchestration}' ({g.Status}): {g.Reason}; fallback: {g.Fallback}",
        ContextCompressed c => $"{c.Agent}'s context compressed from {c.TokensBefore} to {c.TokensAfter} tokens (budget {c.Budget}) by {string.Join(", ", c.Strategies)}"
            + (c.DroppedOutputs.IsDefaultOrEmpty ? string.Empty : $"; dropped {string.Join(", ", c.DroppedOutputs)}"),
        _ => null,
    };

    private static string Clip(string text) => text.Length <= 160 ? text : text[..160] + "...";
}
