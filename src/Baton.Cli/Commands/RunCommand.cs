using System.CommandLine;
using Baton.Cli.Models;
using Baton.Cli.Storage;
using Baton.Context;
using Baton.Orchestration;
using Baton.Specs;

namespace Baton.Cli.Commands;

/// <summary><c>baton run spec.yaml</c>: runs a pipeline spec and prints its result.</summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var spec = new Argument<string>("spec") { Description = "The pipeline spec (YAML)." };
        var task = new Option<string?>("--task") { Description = "The task to run; overrides the spec's 'task'." };
        var model = CliOptions.Model();
        var store = CliOptions.Store();
        var json = CliOptions.Json();
        var cluster = ClusterCliOptions.Cluster();
        var clusterId = ClusterCliOptions.ClusterId();
        var command = new Command("run", "Run a pipeline spec. Exit codes: 0 completed, 1 failed, 2 invalid input, 3 ended by a guard (the last output is printed as the fallback result).")
        {
            spec, task, model, store, json, cluster, clusterId,
        };
        command.SetAction((parse, cancellationToken) => parse.GetValue(cluster) is { } connection
            ? ExecuteOnClusterAsync(console, parse.GetValue(spec)!, parse.GetValue(task), parse.GetValue(model), connection, parse.GetValue(clusterId)!, parse.GetValue(json), cancellationToken)
            : ExecuteAsync(console, parse.GetValue(spec)!, parse.GetValue(task), parse.GetValue(model), parse.GetValue(store), parse.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliConsole console, string specPath, string? task, string? modelText, string? storePath, bool json, CancellationToken cancellationToken)
    {
        var spec = await CommandSupport.LoadSpecAsync(specPath, console).ConfigureAwait(false);
        var (modelOk, modelOverride) = await CommandSupport.ParseModelAsync(modelText, console).ConfigureAwait(false);
        if (spec is null || !modelOk)
        {
            return ExitCodes.InvalidInput;
        }

        task ??= spec.Task;
        if (string.IsNullOrWhiteSpace(task))
        {
            await console.Error.WriteLineAsync($"error: no task to run: pass --task \"...\" or add 'task:' to {spec.FilePath}.").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var resolver = new CliModelResolver(console);
        var plan = ModelPlan.Create(spec, modelOverride, resolver);
        var orchestration = await CompileAsync(spec, resolver, plan, console).ConfigureAwait(false);
        if (orchestration is null)
        {
            return ExitCodes.InvalidInput;
        }

        // The notice goes before the run; with --json it goes to stderr so stdout stays one JSON document.
        await plan.PrintAsync(json ? console.Error : console.Out).ConfigureAwait(false);
        var store = CliStore.Open(storePath, console);
        await using var storeLifetime = store.ConfigureAwait(false);
        var runId = Guid.CreateVersion7().ToString("N");
        var context = HandoffContext.Create(task, spec.Intent, spec.Constraints);

        // The journal is the only record: run_started keeps the spec's path and hash (also the orchestration's
        // definition hash) and the model override, which 'resume' and 'replay' read back.
        var options = new RunOptions { RunId = runId, Limits = spec.Limits, SpecPath = console.FullPath(specPath), SpecHash = spec.ContentHash, Model = modelText };
        return await RunLauncher.ExecuteAsync(
            console, store, json, plan.IsRehearsal,
            (runner, ct) => runner.RunAsync(orchestration, context, options, ct),
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> ExecuteOnClusterAsync(CliConsole console, string specPath, string? task, string? model, string connection, string clusterId, bool json, CancellationToken cancellationToken)
    {
        if (model is not null)
        {
            await console.Error.WriteLineAsync("error: --model cannot be combined with --cluster: the workers choose models (baton worker --model ...).").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var spec = await CommandSupport.LoadSpecAsync(specPath, console).ConfigureAwait(false);
        if (spec is null)
        {
            return ExitCodes.InvalidInput;
        }

        task ??= spec.Task;
        if (string.IsNullOrWhiteSpace(task))
        {
            await console.Error.WriteLineAsync($"error: no task to run: pass --task \"...\" or add 'task:' to {spec.FilePath}.").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        return await ClusterRunLauncher.ExecuteAsync(console, spec, task, connection, clusterId, json, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<Orchestration.Orchestration?> CompileAsync(PipelineSpec spec, IModelResolver resolver, ModelPlan plan, CliConsole console)
    {
        try
        {
            return SpecCompiler.Compile(spec, resolver, plan.Options);
        }
        catch (SpecCompilationException ex)
        {
            await CommandSupport.PrintDiagnosticsAsync(ex.Diagnostics, spec.FilePath, console).ConfigureAwait(false);
        }
        catch (OrchestrationConfigurationException ex)
        {
            await console.Error.WriteLineAsync($"{spec.Flow.Location}: error: {ex.Message}").ConfigureAwait(false);
        }

        return null;
    }
}
