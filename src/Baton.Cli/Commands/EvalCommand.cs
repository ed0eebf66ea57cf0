using System.CommandLine;
using Baton.Cli.Models;
using Baton.Cli.Storage;
using Baton.Evaluation;
using Baton.Evaluation.Baselines;
using Baton.Evaluation.Datasets;
using Baton.Evaluation.Reports;
using Baton.Orchestration;
using Baton.Specs;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton eval spec.yaml --data cases.jsonl</c>: runs the pipeline on every case of a data set (concurrently, each
/// run journaled in the store), checks each case's expectations and reports the pass rate, the weakest handoffs and
/// every failure, optionally against a baseline. Exit codes: 0 every run passed (with --baseline: no regression),
/// 1 a run failed or errored (with --baseline: a case regressed), 2 invalid input.
/// </summary>
internal static class EvalCommand
{
    public static Command Create(CliConsole console)
    {
        var spec = new Argument<string>("spec") { Description = "The pipeline spec (YAML)." };
        var data = new Option<string>("--data") { Description = "The data set: a .jsonl file (one case per line) or a .csv file (format: docs/evaluation.md).", Required = true };
        var concurrency = new Option<int>("--concurrency") { Description = "How many runs at once (provider rate limits still apply through retries with backoff).", DefaultValueFactory = _ => 4 };
        var repeat = new Option<int?>("--repeat") { Description = "Run each case K times; the report then gives the pass rate's 95% Wilson interval and lists flaky cases. Default: 1 (with --replay: as recorded)." };
        var model = CliOptions.Model();
        var judgeModel = new Option<string?>("--judge-model") { Description = "The model that judges 'judge', 'grounded' and 'evaluate' expectations (default: BATON_JUDGE_MODEL). Without one they are reported as not evaluated." };
        var html = new Option<string?>("--output", "-o") { Description = "Write the HTML report here, with a trace page for each failed run beside it." };
        var json = new Option<string?>("--json") { Description = "Write the JSON report here (the file --baseline and --replay read)." };
        var junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report here, for CI test views." };
        var baseline = new Option<string?>("--baseline") { Description = "Compare case by case with an earlier JSON report; exit 1 on any regression." };
        var replay = new Option<string?>("--replay") { Description = "Re-score the runs recorded by an earlier JSON report from their journals, without calling a model." };
        var tag = new Option<string[]>("--tag") { Description = "Only run cases with this tag (repeatable).", AllowMultipleArgumentsPerToken = false };
        var store = CliOptions.Store();
        var command = new Command("eval", "Evaluate a pipeline on a data set: run every case end to end, check its expectations, and report the pass rate, statuses, cost, the weakest handoffs and each failure. Exit codes: 0 all passed (with --baseline: no regression), 1 a run failed (with --baseline: a regression), 2 invalid input.")
        {
            spec, data, concurrency, repeat, model, judgeModel, html, json, junit, baseline, replay, tag, store,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            console,
            new EvalRequest(
                parse.GetValue(spec)!, parse.GetValue(data)!, parse.GetValue(concurrency), parse.GetValue(repeat), parse.GetValue(model), parse.GetValue(judgeModel),
                parse.GetValue(html), parse.GetValue(json), parse.GetValue(junit), parse.GetValue(baseline), parse.GetValue(replay), parse.GetValue(tag) ?? [], parse.GetValue(store)),
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliConsole console, EvalRequest request, CancellationToken cancellationToken)
    {
        if (!await CheckNumbersAsync(request, console).ConfigureAwait(false))
        {
            return ExitCodes.InvalidInput;
        }

        var spec = await CommandSupport.LoadSpecAsync(request.Spec, console).ConfigureAwait(false);
        var (modelOk, modelOverride) = await CommandSupport.ParseModelAsync(request.Model, console).ConfigureAwait(false);
        if (spec is null || !modelOk)
        {
            return ExitCodes.InvalidInput;
        }

        var cases = await LoadCasesAsync(request, console).ConfigureAwait(false);
        var baseline = await LoadRecordedAsync(request.Baseline, "--baseline", console).ConfigureAwait(false);
        var replay = await LoadRecordedAsync(request.Replay, "--replay", console).ConfigureAwait(false);
        if (cases is null || (request.Baseline is not null && baseline is null) || (request.Replay is not null && replay is null))
        {
            return ExitCodes.InvalidInput;
        }

        var judges = EvalJudgeModels.Create(request.JudgeModel ?? console.GetEnvironmentVariable("BATON_JUDGE_MODEL"), cases, console);
        if (!await judges.ReportErrorsAsync(console).ConfigureAwait(false))
        {
            return ExitCodes.InvalidInput;
        }

        Orchestration.Orchestration? orchestration;
        bool rehearsal;
        if (replay is null)
        {
            var resolver = new CliModelResolver(console);
            var plan = ModelPlan.Create(spec, modelOverride, resolver);
            orchestration = await RunCommand.CompileAsync(spec, resolver, plan, console).ConfigureAwait(false);
            rehearsal = plan.IsRehearsal;
            if (orchestration is not null)
            {
                await plan.PrintAsync(console.Out).ConfigureAwait(false);
            }
        }
        else
        {
            var plan = ModelPlan.Create(spec, ModelReference.Rehearsal, new CliModelResolver(console));
            orchestration = await RunCommand.CompileAsync(spec, JournalOnlyResolver.Instance, plan, console).ConfigureAwait(false);
            rehearsal = replay.IsRehearsal;
            await console.Out.WriteLineAsync($"REPLAY: re-scoring the {replay.Runs.Length} runs recorded in {request.Replay} from their journals; no pipeline model is called.").ConfigureAwait(false);
        }

        if (orchestration is null)
        {
            return ExitCodes.InvalidInput;
        }

        await console.Out.WriteLineAsync(judges.Describe()).ConfigureAwait(false);
        var opened = CliStore.Open(request.Store, console);
        await using var storeLifetime = opened.ConfigureAwait(false);
        var options = new EvalOptions
        {
            Name = spec.Name,
            Concurrency = request.Concurrency,
            Repeat = request.Repeat ?? replay?.Repeat ?? 1,
            Limits = spec.Limits,
            DefaultIntent = spec.Intent,
            DefaultConstraints = spec.Constraints,
            IsRehearsal = rehearsal,
            JudgeClient = judges.Default,
            JudgeModelResolver = judges.Find,
            Replay = replay,
            TimeProvider = console.TimeProvider,
        };
        options.Metadata["spec"] = spec.FilePath;
        options.Metadata["spec_sha256"] = spec.ContentHash;
        options.Metadata["data"] = request.Data;
        options.Metadata["store"] = opened.Path;
        options.Metadata["judge_model"] = judges.DefaultName ?? "none";
        if (request.Model is not null)
        {
            options.Metadata["model"] = request.Model;
        }

        var progress = new EvalProgressPrinter(console, options.Repeat);
        options.OnRunCompleted = progress.OnRunCompleted;
        var runner = new HandoffRunner(new HandoffRunnerOptions { Store = opened.Store, TimeProvider = console.TimeProvider, Redactor = console.Redactor });
        await console.Out.WriteLineAsync($"evaluating {spec.Name} on {cases.Count} case(s) × {options.Repeat} from {request.Data}, {options.Concurrency} at a time; runs are journaled in {opened.Path}").ConfigureAwait(false);
        EvalReport report;
        try
        {
            report = await progress.RunAsync(() => new EvalRunner(runner, options).RunAsync(orchestration, cases, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OrchestrationConfigurationException or ArgumentException)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync($"error: the evaluation was cancelled; the runs that started are journaled in {opened.Path} ('baton runs' lists them; resume one with 'baton resume RUN --spec {request.Spec}').").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        var diff = baseline is null ? null : BaselineComparison.Compare(report, baseline);
        EvalTextReport.Write(report, diff, console.Out);
        if (!await EvalOutputs.WriteAsync(report, diff, request.Html, request.Json, request.JUnit, opened, console, cancellationToken).ConfigureAwait(false))
        {
            return ExitCodes.InvalidInput;
        }

        if (diff is not null)
        {
            return diff.HasRegressions ? ExitCodes.Failed : ExitCodes.Completed;
        }

        return report.Summary.Passed == report.Summary.Runs ? ExitCodes.Completed : ExitCodes.Failed;
    }

    private static async Task<bool> CheckNumbersAsync(EvalRequest request, CliConsole console)
    {
        if (request.Concurrency is < 1 or > EvalOptions.MaxConcurrency)
        {
            await console.Error.WriteLineAsync($"error: --concurrency: {request.Concurrency} is out of range; use 1 to {EvalOptions.MaxConcurrency}.").ConfigureAwait(false);
            return false;
        }

        if (request.Repeat is < 1 or > EvalOptions.MaxRepeat)
        {
            await console.Error.WriteLineAsync($"error: --repeat: {request.Repeat} is out of range; use 1 to {EvalOptions.MaxRepeat}.").ConfigureAwait(false);
            return false;
        }

        if (request.Replay is not null && request.Model is not null)
        {
            await console.Error.WriteLineAsync("error: --replay re-scores recorded runs without calling a model, so --model does not apply; drop one of them.").ConfigureAwait(false);
            return false;
        }

        return true;
    }

    private static async Task<IReadOnlyList<EvalCase>?> LoadCasesAsync(EvalRequest request, CliConsole console)
    {
        var loaded = EvalDataset.Load(console.FullPath(request.Data), request.Data);
        if (!loaded.IsValid)
        {
            foreach (var error in loaded.Errors)
            {
                // Data set problems name their line (file:line, as issue 14 asks); a problem with the whole file names the option.
                await console.Error.WriteLineAsync(error.Line > 0 ? $"{error.File}:{error.Line}: error: {error.Message}" : $"error: --data: {error.Message}").ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync($"{request.Data}: {loaded.Errors.Count} problem{(loaded.Errors.Count == 1 ? string.Empty : "s")}; nothing was run.").ConfigureAwait(false);
            return null;
        }

        if (request.Tags.Length == 0)
        {
            return loaded.Cases;
        }

        var selected = loaded.Cases.Where(c => c.Tags.Any(t => request.Tags.Contains(t, StringComparer.Ordinal))).ToList();
        if (selected.Count == 0)
        {
            var known = loaded.Cases.SelectMany(c => c.Tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            await console.Error.WriteLineAsync($"error: --tag: no case of {request.Data} has tag {string.Join(" or ", request.Tags)}; its tags: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}.").ConfigureAwait(false);
            return null;
        }

        return selected;
    }

    private static async Task<RecordedEval?> LoadRecordedAsync(string? path, string option, CliConsole console)
    {
        if (path is null)
        {
            return null;
        }

        if (RecordedEval.TryLoad(console.FullPath(path), path, out var recorded, out var error))
        {
            return recorded;
        }

        await console.Error.WriteLineAsync($"error: {option}: {error}").ConfigureAwait(false);
        return null;
    }

    private sealed record EvalRequest(
        string Spec, string Data, int Concurrency, int? Repeat, string? Model, string? JudgeModel, string? Html, string? Json, string? JUnit, string? Baseline, string? Replay, string[] Tags, string? Store);

    /// <summary>Resolves every model to a client that refuses live calls: a replay reads runs from the journal.</summary>
    private sealed class JournalOnlyResolver : IModelResolver
    {
        public static JournalOnlyResolver Instance { get; } = new();

        public Microsoft.Extensions.AI.IChatClient Resolve(ModelReference model, AgentSpec agent) => new JournalOnlyChatClient(agent.Name);
    }
}
