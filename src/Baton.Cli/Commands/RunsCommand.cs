using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Baton.Cli.Storage;

namespace Baton.Cli.Commands;

/// <summary><c>baton runs</c>: lists the runs in the store, newest first.</summary>
internal static class RunsCommand
{
    public static Command Create(CliConsole console)
    {
        var store = CliOptions.Store();
        var postgres = ClusterCliOptions.Postgres();
        var json = CliOptions.Json();
        var limit = new Option<int>("--limit") { Description = "How many runs to list.", DefaultValueFactory = _ => 20 };
        var command = new Command("runs", "List the runs in the store, newest first.") { store, postgres, json, limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var opened = CliStore.Open(parse.GetValue(store), console, parse.GetValue(postgres));
            await using var openedLifetime = opened.ConfigureAwait(false);
            var runs = await opened.Store.ListRunsAsync(Math.Max(1, parse.GetValue(limit)), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                using var buffer = new MemoryStream();
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    writer.WriteStartArray();
                    foreach (var run in runs)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("run_id", run.RunId);
                        writer.WriteString("orchestration", run.Orchestration);
                        writer.WriteString("status", run.Status.ToString());
                        writer.WriteString("started_at", run.StartedAt);
                        writer.WriteNumber("events", run.EventCount);
                        writer.WriteBoolean("resumable", Resumability.IsResumable(run.Status));
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }

                await console.Out.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray())).ConfigureAwait(false);
                return ExitCodes.Completed;
            }

            if (runs.Count == 0)
            {
                await console.Out.WriteLineAsync($"No runs in {opened.Path}. Start one with 'baton run spec.yaml'.").ConfigureAwait(false);
                return ExitCodes.Completed;
            }

            await console.Out.WriteLineAsync($"{"RUN",-32}  {"ORCHESTRATION",-20}  {"STATUS",-18}  {"STARTED (UTC)",-19}  {"EVENTS",6}  RESUMABLE").ConfigureAwait(false);
            foreach (var run in runs)
            {
                await console.Out.WriteLineAsync(
                    $"{run.RunId,-32}  {run.Orchestration,-20}  {run.Status,-18}  {run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),-19}  {run.EventCount,6}  {(Resumability.IsResumable(run.Status) ? "yes" : "no")}").ConfigureAwait(false);
            }

            if (runs.Any(r => Resumability.IsResumable(r.Status)))
            {
                await console.Out.WriteLineAsync("Continue a resumable run (interrupted, or cancelled with Ctrl+C) with 'baton resume RUN'.").ConfigureAwait(false);
            }

            if (runs.Count(r => r.Status == RunStatus.AwaitingInput) is var waiting and > 0)
            {
                await console.Out.WriteLineAsync($"{Inspection.EventText.Plural(waiting, "run waits", "runs wait")} for a person's answer: 'baton pending' lists who is asked; 'baton answer RUN' continues one.").ConfigureAwait(false);
            }

            return ExitCodes.Completed;
        });
        return command;
    }
}
