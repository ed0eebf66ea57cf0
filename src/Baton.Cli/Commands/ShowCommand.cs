using System.CommandLine;
using System.Text;
using Baton.Cli.Inspection;
using Baton.Cli.Storage;
using Baton.Journal;

namespace Baton.Cli.Commands;

/// <summary><c>baton show RUN</c>: the run's timeline of handoffs, read from its journal.</summary>
internal static class ShowCommand
{
    public static Command Create(CliConsole console)
    {
        var run = CliOptions.RunId();
        var store = CliOptions.Store();
        var postgres = ClusterCliOptions.Postgres();
        var json = CliOptions.Json();
        var command = new Command("show", "Show a run's timeline: who handed what to whom, context sizes, answers, failures, retries and fallbacks. --json prints the journal.")
        {
            run, store, postgres, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var opened = CliStore.Open(parse.GetValue(store), console, parse.GetValue(postgres));
            await using var openedLifetime = opened.ConfigureAwait(false);
            var runId = await opened.FindRunAsync(parse.GetValue(run)!, console, cancellationToken).ConfigureAwait(false);
            if (runId is null)
            {
                return ExitCodes.InvalidInput;
            }

            var events = await opened.Store.ReadAsync(runId, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                var text = new StringBuilder("[");
                text.AppendJoin(",\n ", events.Select(JournalSerializer.Serialize));
                await console.Out.WriteLineAsync(text.Append(']').ToString()).ConfigureAwait(false);
                return ExitCodes.Completed;
            }

            TimelineText.Write(RunTimeline.FromJournal(events), console.Out);
            return ExitCodes.Completed;
        });
        return command;
    }
}
