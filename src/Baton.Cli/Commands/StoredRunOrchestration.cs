using Baton.Cli.Models;
using Baton.Cli.Storage;

namespace Baton.Cli.Commands;

/// <summary>Rebuilds the orchestration a stored run was started with, from its recorded spec (or <c>--spec</c>), for the commands that continue a run.</summary>
internal static class StoredRunOrchestration
{
    /// <summary>Loads and compiles the run's spec, printing why it cannot (and returning <see langword="null"/>).</summary>
    public static async Task<(Orchestration.Orchestration? Orchestration, ModelPlan? Plan)> LoadAsync(
        string runId, string orchestrationName, string? specOption, string? modelOption, CliStore store, CliConsole console)
    {
        var state = Journal.RunState.FromEvents(await store.Store.ReadAsync(runId).ConfigureAwait(false));
        var (loaded, record) = await RunSpecSource.LoadAsync(state, specOption, store, console).ConfigureAwait(false);
        var (modelOk, modelOverride) = await CommandSupport.ParseModelAsync(modelOption ?? record?.Model, console).ConfigureAwait(false);
        if (loaded is null || !modelOk)
        {
            return (null, null);
        }

        var resolver = new CliModelResolver(console);
        var plan = ModelPlan.Create(loaded, modelOverride, resolver);
        var orchestration = await RunCommand.CompileAsync(loaded, resolver, plan, console).ConfigureAwait(false);
        if (orchestration is null)
        {
            return (null, null);
        }

        if (orchestration.Name != orchestrationName)
        {
            await console.Error.WriteLineAsync($"error: run '{runId}' was started by orchestration '{orchestrationName}', but {loaded.FilePath} builds '{orchestration.Name}'. Pass the spec the run was started with (--spec).").ConfigureAwait(false);
            return (null, null);
        }

        return (orchestration, plan);
    }
}
