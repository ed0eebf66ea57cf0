using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Baton.Cli.Inspection;
using Baton.Cli.Storage;
using Baton.Humans;
using Baton.Orchestration;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton pending</c>: the runs in the store that wait for a person, most urgent first: who is asked, since when,
/// due when. With <c>--apply-timeouts</c> it applies the timeout of every wait past its due time (a sweep to run on
/// a timer). With <c>--postgres CONN</c> it reads a cluster's shared journal (where each wait's reminder applies its
/// timeout itself).
/// </summary>
internal static class PendingCommand
{
    private const int QuestionWidth = 60;

    public static Command Create(CliConsole console)
    {
        var store = CliOptions.Store();
        var postgres = ClusterCliOptions.Postgres();
        var json = CliOptions.Json();
        var apply = new Option<bool>("--apply-timeouts")
        {
            Description = "Also apply the timeout of every wait past its due time: the step's fallback answers (or it fails) and the run continues. Needs each run's spec, as 'baton resume' does.",
        };
        var command = new Command("pending", "List the runs that wait for a person's answer, most urgent first: who is asked, since when and due when. Answer one with 'baton answer RUN'.")
        {
            store, postgres, json, apply,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(apply) && parse.GetValue(postgres) is not null)
            {
                await console.Error.WriteLineAsync("error: --apply-timeouts cannot be combined with --postgres: a cluster applies each wait's timeout itself, at its due time (a reminder per waiting run).").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            var opened = CliStore.Open(parse.GetValue(store), console, parse.GetValue(postgres));
            await using var openedLifetime = opened.ConfigureAwait(false);
            var jsonOutput = parse.GetValue(json);
            var runner = new HandoffRunner(new HandoffRunnerOptions { Store = opened.Store, TimeProvider = console.TimeProvider });
            var pending = await runner.ListPendingAsync(cancellationToken).ConfigureAwait(false);
            var exit = ExitCodes.Completed;
            if (parse.GetValue(apply) && pending.Any(p => p.IsOverdue))
            {
                exit = await ApplyTimeoutsAsync(console, opened, pending, jsonOutput, cancellationToken).ConfigureAwait(false);
                pending = await runner.ListPendingAsync(cancellationToken).ConfigureAwait(false);
            }

            if (jsonOutput)
            {
                await console.Out.WriteLineAsync(Json(pending)).ConfigureAwait(false);
                return exit;
            }

            await WriteTableAsync(console, opened, pending).ConfigureAwait(false);
            return exit;
        });
        return command;
    }

    private static async Task WriteTableAsync(CliConsole console, CliStore store, IReadOnlyList<PendingInput> pending)
    {
        var output = console.Out;
        if (pending.Count == 0)
        {
            await output.WriteLineAsync($"No run in {store.Path} waits for input.").ConfigureAwait(false);
            return;
        }

        await output.WriteLineAsync($"{"RUN",-32}  {"STEP",4}  {"ASKED",-20}  {"WAITING SINCE (UTC)",-19}  {"DUE (UTC)",-27}  QUESTION").ConfigureAwait(false);
        foreach (var p in pending)
        {
            var due = p.DueAt is { } at ? Stamp(at) + (p.IsOverdue ? " OVERDUE" : string.Empty) : "none";
            await output.WriteLineAsync(
                $"{p.RunId,-32}  {p.Step,4}  {Clip(EventText.Asked(p.Request), 20),-20}  {Stamp(p.RequestedAt),-19}  {due,-27}  {Clip(p.Question, QuestionWidth)}").ConfigureAwait(false);
        }

        var first = pending[0];
        await output.WriteLineAsync($"Answer with 'baton answer RUN {TimelineText.AnswerOptions(first.Request)}' (for example 'baton answer {first.RunId}{ResultPrinter.StoreOption(store.Path, console)} ...'); 'baton show RUN' shows what the person sees.").ConfigureAwait(false);
        var overdue = pending.Count(p => p.IsOverdue);
        if (overdue > 0 && ResultPrinter.IsShared(store.Path))
        {
            await output.WriteLineAsync($"{EventText.Plural(overdue, "wait is", "waits are")} past due: the cluster applies the timeout when the run's reminder fires (within its recovery period).").ConfigureAwait(false);
        }
        else if (overdue > 0)
        {
            await output.WriteLineAsync($"{EventText.Plural(overdue, "wait is", "waits are")} past due: the timeout applies at the next 'baton answer' or 'baton resume RUN', or now with 'baton pending --apply-timeouts'.").ConfigureAwait(false);
        }
    }

    private static async Task<int> ApplyTimeoutsAsync(CliConsole console, CliStore store, IReadOnlyList<PendingInput> pending, bool json, CancellationToken cancellationToken)
    {
        var exit = ExitCodes.Completed;
        var orchestrations = new Dictionary<string, Orchestration.Orchestration>(StringComparer.Ordinal);
        foreach (var p in pending.Where(p => p.IsOverdue))
        {
            var (orchestration, _) = await StoredRunOrchestration.LoadAsync(p.RunId, p.Orchestration, specOption: null, modelOption: null, store, console).ConfigureAwait(false);
            if (orchestration is null)
            {
                await console.Error.WriteLineAsync($"  run {p.RunId} was left waiting: its spec could not be loaded; apply its timeout with 'baton resume {p.RunId} --spec path/to/spec.yaml'.").ConfigureAwait(false);
                exit = ExitCodes.InvalidInput;
                continue;
            }

            orchestrations[p.RunId] = orchestration;
        }

        var (continued, failed) = await RunLauncher.WithProgressAsync(
            console, store, json, (runner, ct) => runner.ApplyExpiredWaitsAsync(p => orchestrations.GetValueOrDefault(p.RunId), ct), cancellationToken).ConfigureAwait(false);
        foreach (var run in continued ?? [])
        {
            await (json ? console.Error : console.Out).WriteLineAsync($"run {run.RunId}: nobody answered in time; its timeout applied and the run is now {run.Status}: {run.Reason}").ConfigureAwait(false);
        }

        return continued is null ? failed : exit;
    }

    private static string Json(IReadOnlyList<PendingInput> pending)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var p in pending)
            {
                writer.WriteStartObject();
                writer.WriteString("run_id", p.RunId);
                writer.WriteString("orchestration", p.Orchestration);
                writer.WriteNumber("step", p.Step);
                writer.WriteString("agent", p.Agent);
                writer.WriteString("assignee", p.Assignee);
                writer.WriteString("question", p.Question);
                writer.WriteString("expects", p.Request.Expects.ToString().ToLowerInvariant());
                if (p.Request.Contract is { } contract)
                {
                    writer.WriteString("contract", contract);
                }

                writer.WriteString("asked_at", p.RequestedAt);
                if (p.DueAt is { } due)
                {
                    writer.WriteString("due_at", due);
                }
                else
                {
                    writer.WriteNull("due_at");
                }

                writer.WriteBoolean("overdue", p.IsOverdue);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Clip(string text, int width)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= width ? line : string.Concat(line.AsSpan(0, width - 3), "...");
    }
}
