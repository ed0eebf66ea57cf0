using System.Text;
using System.Text.Json;
using Baton.Journal;
using Baton.Orchestration;

namespace Baton.Cli.Commands;

/// <summary>Prints a run's result (read from its journal) as text or JSON.</summary>
internal static class ResultPrinter
{
    public static async Task PrintAsync(RunResult result, CliConsole console, bool json, string store, bool rehearsal)
    {
        var exit = ExitCodes.For(result.Status);
        if (json)
        {
            await console.Out.WriteLineAsync(ToJson(result, exit, store, rehearsal)).ConfigureAwait(false);
            return;
        }

        var output = console.Out;
        await output.WriteLineAsync().ConfigureAwait(false);
        var headline = exit switch
        {
            ExitCodes.Completed => "Completed",
            ExitCodes.AwaitingInput => "Waiting for input",
            ExitCodes.EndedByGuard => $"Ended by a guard ({result.Status})",
            _ => result.Status.ToString(),
        };
        await output.WriteLineAsync(
            $"{headline} after {result.Steps} steps, {result.InputTokens + result.OutputTokens} tokens ({result.InputTokens} in, {result.OutputTokens} out), {result.ModelCalls} model calls, {result.Duration.TotalSeconds:F1} s{(rehearsal ? " (rehearsal)" : string.Empty)}.").ConfigureAwait(false);
        await output.WriteLineAsync($"Reason: {result.Reason}").ConfigureAwait(false);
        await output.WriteLineAsync($"Run: {result.RunId} (store {store}; inspect with 'baton show {result.RunId}{(IsShared(store) ? " --postgres \"<connection string>\"" : string.Empty)}')").ConfigureAwait(false);
        if (Resumability.IsResumable(result.Status) && !IsShared(store))
        {
            await output.WriteLineAsync($"Continue it with 'baton resume {result.RunId}{StoreOption(store, console)}': recorded answers are replayed, never re-sent.").ConfigureAwait(false);
        }

        if (result.Status == RunStatus.AwaitingInput && RunState.FromEvents(result.Journal).PendingInput is { } question)
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync($"Question for {Inspection.EventText.Asked(question)} (step {question.Step}){(question.DueAt is { } due ? $", due {Inspection.EventText.Time(due)}" : string.Empty)}:").ConfigureAwait(false);
            await output.WriteLineAsync($"  {question.Question}").ConfigureAwait(false);
            await output.WriteLineAsync($"  It expects {Inspection.TimelineText.Expects(question)}.").ConfigureAwait(false);
            await output.WriteLineAsync($"Answer it with 'baton answer {result.RunId}{StoreOption(store, console)} {Inspection.TimelineText.AnswerOptions(question)}'; 'baton pending' lists every waiting run; 'baton show {result.RunId}' shows what the person sees.").ConfigureAwait(false);
            return;
        }

        if (result.FinalOutput is { } final)
        {
            var label = exit == ExitCodes.EndedByGuard ? "Fallback result: the last output" : "Final output";
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync($"{label} '{final.Name}' (from {final.ProducedBy}, step {final.Step}):").ConfigureAwait(false);
            await output.WriteLineAsync(final.Value.ValueKind == JsonValueKind.String ? final.ToText() : Indented(final.Value)).ConfigureAwait(false);
        }
        else if (exit != ExitCodes.Completed)
        {
            await output.WriteLineAsync("No output was recorded before the run ended.").ConfigureAwait(false);
        }
    }

    public static string ToJson(RunResult result, int exit, string store, bool rehearsal)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("run_id", result.RunId);
            writer.WriteString("status", result.Status.ToString());
            writer.WriteString("reason", result.Reason);
            writer.WriteNumber("exit_code", exit);
            writer.WriteBoolean("resumable", Resumability.IsResumable(result.Status));
            writer.WriteBoolean("rehearsal", rehearsal);
            if (result.Status == RunStatus.AwaitingInput && RunState.FromEvents(result.Journal).PendingInput is { } question)
            {
                writer.WriteStartObject("awaiting_input");
                writer.WriteNumber("step", question.Step);
                writer.WriteString("agent", question.Agent);
                writer.WriteString("assignee", question.Assignee);
                writer.WriteString("question", question.Question);
                writer.WriteString("expects", question.Expects.ToString().ToLowerInvariant());
                writer.WriteString("asked_at", question.Timestamp);
                if (question.DueAt is { } due)
                {
                    writer.WriteString("due_at", due);
                }

                writer.WriteEndObject();
            }

            writer.WriteNumber("steps", result.Steps);
            writer.WriteNumber("model_calls", result.ModelCalls);
            writer.WriteNumber("input_tokens", result.InputTokens);
            writer.WriteNumber("output_tokens", result.OutputTokens);
            writer.WriteNumber("duration_ms", Math.Round(result.Duration.TotalMilliseconds, 1));
            writer.WriteString("store", store);
            if (result.FinalOutput is { } final)
            {
                writer.WriteStartObject("final_output");
                writer.WriteString("name", final.Name);
                writer.WriteString("produced_by", final.ProducedBy);
                writer.WriteNumber("step", final.Step);
                writer.WritePropertyName("value");
                final.Value.WriteTo(writer);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("final_output");
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // The default store needs no option; any other is named so the command works as printed. A cluster's shared
    // journal is named by its connection string, which is not printed (it may hold a password).
    internal static string StoreOption(string store, CliConsole console) =>
        IsShared(store) ? " --cluster \"<connection string>\""
        : store == console.FullPath(Storage.CliStore.DefaultPath) ? string.Empty
        : $" --store \"{store}\"";

    /// <summary>Whether the store is a cluster's shared journal (<c>run --cluster</c>, <c>--postgres</c>), whose runs the cluster continues itself.</summary>
    internal static bool IsShared(string store) =>
        store.StartsWith(ClusterConnection.StorePrefix, StringComparison.Ordinal) || store.StartsWith(Storage.CliStore.PostgresPrefix, StringComparison.Ordinal);

    public static string Indented(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
