using System.Collections.Immutable;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using Baton.Cli.Inspection;
using Baton.Cli.Output;
using Baton.Cli.Storage;
using Baton.Humans;
using Baton.Journal;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton answer RUN</c>: gives a person's answer to a run that waits for it, validated by the waiting step against
/// its contract, and continues the run with live progress. With <c>--cluster CONN</c> the answer goes to the cluster's
/// workers (any of them), which continue the run; the command follows it.
/// </summary>
/// <remarks>Exit codes: the continued run's (0 completed, 5 it waits again at a later step, 1 failed, 3 guard); 2 when
/// the answer is refused (the contract's errors; the run still waits) or the input is bad; 1 when the answer was not
/// taken (another answer came first, or the question was past due and its timeout applied).</remarks>
internal static class AnswerCommand
{
    public static Command Create(CliConsole console)
    {
        var run = CliOptions.RunId();
        var text = new Option<string?>("--text") { Description = "The answer as text (for a step that expects JSON, the JSON value)." };
        var file = new Option<string?>("--file") { Description = $"Read the answer from a UTF-8 file of at most {AnswerFile.MaxBytes / 1024 / 1024} MiB (text, or the JSON value)." };
        var approve = new Option<bool>("--approve") { Description = "Approve (a review or approval step)." };
        var reject = new Option<string?>("--reject") { Description = "Send the work back with this feedback (a review or approval step)." };
        var respondent = new Option<string?>("--as") { Description = "Who answers, as the journal records it. Default: $BATON_USER, else $USER or $USERNAME." };
        var step = new Option<int?>("--step") { Description = "The step whose question you answer: the answer is refused if the run now waits at another step." };
        var spec = CliOptions.Spec("The spec the run was started with. Default: the spec path 'baton run' recorded beside the store.");
        var model = CliOptions.Model();
        var store = CliOptions.Store();
        var cluster = ClusterCliOptions.Cluster("Answer a run of a Baton cluster: the cluster's PostgreSQL connection string (the workers' --postgres). A worker validates the answer and continues the run.");
        var clusterId = ClusterCliOptions.ClusterId();
        var json = CliOptions.Json();
        var command = new Command(
            "answer",
            "Answer a run that waits for a person (see 'baton pending'), validated against the step's contract, and continue it. Give exactly one of --text, --file, --approve or --reject. Exit codes: the continued run's (0 completed, 5 waits again, 1 failed, 3 guard); 2 the answer was refused (the run still waits) or bad input; 1 the answer was not taken (another answer came first, or it was past due).")
        {
            run, text, file, approve, reject, respondent, step, spec, model, store, cluster, clusterId, json,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            console,
            new AnswerRequest(parse.GetValue(run)!, parse.GetValue(text), parse.GetValue(file), parse.GetValue(approve), parse.GetValue(reject), parse.GetValue(respondent), parse.GetValue(step)),
            parse.GetValue(spec),
            parse.GetValue(model),
            parse.GetValue(store),
            parse.GetValue(cluster) is { } connection ? new ClusterTarget(connection, parse.GetValue(clusterId)!) : null,
            parse.GetValue(json),
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        CliConsole console, AnswerRequest request, string? specOption, string? modelOption, string? storeOption, ClusterTarget? cluster, bool json, CancellationToken cancellationToken)
    {
        if (cluster is not null && (specOption is not null || modelOption is not null || storeOption is not null))
        {
            return await FailAsync(console, "--spec, --model and --store cannot be combined with --cluster: the workers hold the run's spec and models, and the journal is the cluster's.").ConfigureAwait(false);
        }

        var given = (request.Text is null ? 0 : 1) + (request.File is null ? 0 : 1) + (request.Approve ? 1 : 0) + (request.Reject is null ? 0 : 1);
        if (given != 1)
        {
            return await FailAsync(console, "give the answer with exactly one of --text \"...\", --file answer.json, --approve or --reject \"feedback\".").ConfigureAwait(false);
        }

        var respondent = request.Respondent ?? console.GetEnvironmentVariable("BATON_USER") ?? console.GetEnvironmentVariable("USER") ?? console.GetEnvironmentVariable("USERNAME");
        if (string.IsNullOrWhiteSpace(respondent) || respondent.Length > BatonDefaults.RespondentMaxChars || respondent.Any(char.IsControl))
        {
            return await FailAsync(console, respondent is null
                ? "say who answers with --as NAME (or set BATON_USER): the journal records who answered."
                : $"--as must be a name or id of 1 to {BatonDefaults.RespondentMaxChars} characters without control characters.").ConfigureAwait(false);
        }

        // With --cluster the question is read from the cluster's shared journal; the answer goes to a worker.
        var opened = CliStore.Open(storeOption, console, cluster?.ConnectionString);
        await using var openedLifetime = opened.ConfigureAwait(false);
        var runId = await opened.FindRunAsync(request.Run, console, cancellationToken).ConfigureAwait(false);
        if (runId is null)
        {
            return ExitCodes.InvalidInput;
        }

        var state = RunState.FromEvents(await opened.Store.ReadAsync(runId, cancellationToken).ConfigureAwait(false));
        if (!state.IsAwaitingInput || state.PendingInput is not { } question)
        {
            return await FailAsync(console, $"run {runId} is not waiting for input (it is {state.Status}). 'baton pending' lists the runs that wait.").ConfigureAwait(false);
        }

        if (request.Step is { } expected && expected != question.Step)
        {
            return await FailAsync(console, $"run {runId} waits for {EventText.Asked(question)} at step {question.Step}, not at step {expected}; the question you answered is no longer asked. See it with 'baton show {runId}'.").ConfigureAwait(false);
        }

        var answer = await ReadAnswerAsync(console, request, question).ConfigureAwait(false);
        if (answer is null)
        {
            return ExitCodes.InvalidInput;
        }

        if (cluster is not null)
        {
            return await ClusterAnswerLauncher.ExecuteAsync(
                console, new ClusterAnswer(cluster.ConnectionString, cluster.ClusterId, runId, question, answer with { Step = question.Step }, respondent), opened.Store, json, cancellationToken).ConfigureAwait(false);
        }

        var (orchestration, plan) = await StoredRunOrchestration.LoadAsync(runId, state.Orchestration, specOption, modelOption, opened, console).ConfigureAwait(false);
        if (orchestration is null)
        {
            return ExitCodes.InvalidInput;
        }

        await plan!.PrintAsync(json ? console.Error : console.Out).ConfigureAwait(false);
        var (result, exit) = await RunLauncher.WithProgressAsync(
            console, opened, json, (runner, ct) => runner.ProvideInputAsync(orchestration, runId, answer with { Step = question.Step }, respondent, ct), cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            return exit;
        }

        return await ReportAsync(console, new AnswerReport(result.Outcome, result.Message, result.Errors, result.Request, result.Run), respondent, json, opened.Path, plan.IsRehearsal).ConfigureAwait(false);
    }

    private static async Task<HumanAnswer?> ReadAnswerAsync(CliConsole console, AnswerRequest request, InputRequested question)
    {
        var verdict = question.Expects == HumanInputKind.Verdict;
        if ((request.Approve || request.Reject is not null) && !verdict)
        {
            await FailAsync(console, $"step {question.Step} asks {EventText.Asked(question)} for {TimelineText.Expects(question)}, not a verdict: answer with {TimelineText.AnswerOptions(question)}.").ConfigureAwait(false);
            return null;
        }

        if (request.Approve)
        {
            return HumanAnswer.Approve();
        }

        if (request.Reject is { } feedback)
        {
            if (string.IsNullOrWhiteSpace(feedback))
            {
                await FailAsync(console, "--reject needs feedback: say what must change.").ConfigureAwait(false);
                return null;
            }

            return HumanAnswer.Reject(feedback);
        }

        string text, source;
        if (request.Text is { } given)
        {
            (text, source) = (given, "--text");
        }
        else
        {
            var read = AnswerFile.Read(console.FullPath(request.File!), request.File!);
            if (!read.IsRead)
            {
                await FailAsync(console, $"--file: {read.Message}").ConfigureAwait(false);
                return null;
            }

            // The file's final new line is the editor's, not the answer's.
            (text, source) = (read.Text!.TrimEnd(), $"--file {request.File}");
        }

        // A step that takes JSON reads the answer as it reads a model's reply; one that holds none is refused here,
        // before a spec or a model is loaded (the contract is checked when the run continues).
        if (question.Expects == HumanInputKind.Json && !Agents.AgentOutputParser.TryParse(text, Agents.AgentOutputFormat.Json, out _, out var problem))
        {
            await FailAsync(console, $"the answer was refused; the run still waits. {source}: step {question.Step} takes a JSON value and the answer is not one ({CliFailure.OneLine(problem!).TrimEnd('.')}). Write the JSON value, for example {{\"action\": \"refund\"}}.").ConfigureAwait(false);
            return null;
        }

        return HumanAnswer.FromText(text);
    }

    /// <summary>Prints what became of an answer (and the run, as it is now) and returns the exit code; shared with <c>--cluster</c>.</summary>
    internal static async Task<int> ReportAsync(CliConsole console, AnswerReport result, string respondent, bool json, string store, bool rehearsal)
    {
        var exit = result.Outcome switch
        {
            InputOutcome.Accepted => ExitCodes.For(result.Run.Status),
            InputOutcome.Invalid or InputOutcome.NotWaiting => ExitCodes.InvalidInput,
            _ => ExitCodes.Failed,
        };
        if (json)
        {
            await console.Out.WriteLineAsync(Json(result, exit, store, rehearsal)).ConfigureAwait(false);
            return exit;
        }

        switch (result.Outcome)
        {
            case InputOutcome.Accepted:
                await console.Out.WriteLineAsync($"{respondent}'s answer was taken for {EventText.Asked(result.Request!)} (step {result.Request!.Step}).").ConfigureAwait(false);
                await ResultPrinter.PrintAsync(result.Run, console, json: false, store, rehearsal).ConfigureAwait(false);
                break;
            case InputOutcome.Invalid:
                await console.Error.WriteLineAsync("error: the answer was refused; the run still waits. Fix it and answer again:").ConfigureAwait(false);
                foreach (var error in result.Errors)
                {
                    await console.Error.WriteLineAsync($"  - {(error.Path.Length == 0 ? string.Empty : error.Path + ": ")}{error.Message}").ConfigureAwait(false);
                }

                if (result.Request is { Contract: { } contract })
                {
                    await console.Error.WriteLineAsync($"  The answer must satisfy contract '{contract}' ('baton show {result.Run.RunId}' shows the question).").ConfigureAwait(false);
                }

                break;
            case InputOutcome.Expired:
                await console.Error.WriteLineAsync($"error: too late: {result.Message}").ConfigureAwait(false);
                await ResultPrinter.PrintAsync(result.Run, console, json: false, store, rehearsal).ConfigureAwait(false);
                break;
            default:
                await console.Error.WriteLineAsync($"error: {result.Message}").ConfigureAwait(false);
                break;
        }

        return exit;
    }

    private static string Json(AnswerReport result, int exit, string store, bool rehearsal)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("outcome", result.Outcome.ToString().ToLowerInvariant());
            writer.WriteString("message", result.Message);
            writer.WriteNumber("exit_code", exit);
            writer.WriteStartArray("errors");
            foreach (var error in result.Errors)
            {
                writer.WriteStartObject();
                writer.WriteString("path", error.Path);
                writer.WriteString("message", error.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WritePropertyName("run");
            writer.WriteRawValue(ResultPrinter.ToJson(result.Run, ExitCodes.For(result.Run.Status), store, rehearsal));
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static async Task<int> FailAsync(CliConsole console, string message)
    {
        await console.Error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
        return ExitCodes.InvalidInput;
    }

    private sealed record AnswerRequest(string Run, string? Text, string? File, bool Approve, string? Reject, string? Respondent, int? Step);

    private sealed record ClusterTarget(string ConnectionString, string ClusterId);

    /// <summary>What became of an answer, from the local runner or a cluster worker.</summary>
    internal sealed record AnswerReport(InputOutcome Outcome, string Message, ImmutableArray<Validation.OutputValidationError> Errors, InputRequested? Request, Orchestration.RunResult Run);
}
