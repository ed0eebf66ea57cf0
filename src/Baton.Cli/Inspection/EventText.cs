using Baton.Guards;
using Baton.Journal;

namespace Baton.Cli.Inspection;

/// <summary>One-line descriptions of the journal events that orchestrations, validation and guards write.</summary>
internal static class EventText
{
    public static string? Describe(JournalEvent e) => e switch
    {
        RoutingDecided r when r.ParseError is { } error => $"{r.Supervisor}: unusable routing decision (attempt {r.Attempt}): {error}",
        RoutingDecided r => $"{r.Supervisor} routes to {r.NextAgent ?? "DONE"}" + (r.Reasoning is { Length: > 0 } why ? $": {Clip(why)}" : string.Empty),
        ReviewVerdictRecorded v when v.ParseError is { } error => $"{v.Agent} review round {v.Round}: {v.Verdict}: {Clip(error)}",
        ReviewVerdictRecorded v => $"{v.Agent} review round {v.Round}: {v.Verdict}" + (v.Feedback is { Length: > 0 } f ? $": {Clip(f)}" : string.Empty),
        ValidationFailed v => $"{v.Agent}'s reply was rejected (attempt {v.Attempt}{(v.Contract is null ? string.Empty : $", contract '{v.Contract}'")}): {string.Join("; ", v.Errors.Select(x => x.ToString()).Take(3))}; next: {v.Next}",
        FallbackUsed f => $"{f.Agent} fell back to {f.Via}: {Clip(f.Reason)}",
        GuardTriggered g => $"guard {g.Guard} stopped '{g.Orchestration}' ({g.Status}): {g.Reason}{LimitHint(g.Limit)}; fallback: {g.Fallback}",
        ContextCompressed c => $"{c.Agent}'s context compressed from {c.TokensBefore} to {c.TokensAfter} tokens (budget {c.Budget}) by {string.Join(", ", c.Strategies)}"
            + (c.DroppedOutputs.IsDefaultOrEmpty ? string.Empty : $"; dropped {string.Join(", ", c.DroppedOutputs)}"),
        RunResumed r => r.RetriedFrom is { } from
            ? $"run retried from event #{from} (the events from there on were superseded)"
            : $"run resumed after {r.EventsBefore} events" + (r.ResendsInFlightCall ? "; the call in flight was sent again" : string.Empty),
        InputRequested q => $"asked {Asked(q)}{(q.DueAt is { } due ? $", due {Time(due)}" : string.Empty)}: {Clip(q.Question)}",
        InputProvided p => $"{p.Respondent} answered {p.Agent}: {Clip(p.Answer)}",
        InputTimedOut t => $"nobody answered {t.Agent} by {Time(t.DueAt)}; fallback: {t.Fallback}",
        RunEnded { Status: RunStatus.AwaitingInput } end => $"waiting for input: {end.Reason}",
        RunEnded end => $"ended: {end.Status}: {end.Reason}{LimitHint(end.Limit)}",
        _ => null,
    };

    /// <summary>Names the spec setting a limit comes from, for a user who wrote YAML.</summary>
    public static string? SpecKey(LimitKind limit) => limit.Value switch
    {
        "run.max_steps" => "limits.max_steps",
        "run.deadline" => "limits.deadline",
        "run.token_budget" => "limits.token_budget",
        "supervisor.max_steps" => "max_rounds (supervisor flow)",
        "review.max_rounds" => "max_rounds (review_loop flow)",
        _ => null,
    };

    public static string LimitHint(LimitKind? limit) => limit is { } l && SpecKey(l) is { } key ? $" [spec: {key}]" : string.Empty;

    /// <summary>Names who is asked and, when it differs, the agent they answer for.</summary>
    public static string Asked(InputRequested q) => q.Assignee == q.Agent ? q.Assignee : $"{q.Assignee} ({q.Agent})";

    /// <summary>Writes a point in time as people read it in a timeline: UTC, to the second.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes a wait as people read it: 2h 03m, 42m 10s, 8s.</summary>
    public static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? $"{(int)span.TotalHours}h {span.Minutes:D2}m"
        : span.TotalMinutes >= 1 ? $"{span.Minutes}m {span.Seconds:D2}s" : $"{Math.Max(0, span.Seconds)}s";

    public static string Plural(int count, string one, string many) => count == 1 ? $"1 {one}" : $"{count} {many}";

    private static string Clip(string text) => text.Length <= 160 ? text : text[..160] + "...";
}
