using Baton.Cli.Storage;
using Baton.Journal;
using Baton.Specs;

namespace Baton.Cli.Commands;

/// <summary>Finds the spec a stored run was started from: <c>--spec</c>, or the path its journal recorded when it started.</summary>
internal static class RunSpecSource
{
    public static async Task<(PipelineSpec? Spec, RecordedSpec? Record)> LoadAsync(RunState state, string? specOption, CliStore store, CliConsole console)
    {
        var runId = state.RunId;
        var record = store.FindRecordedSpec(state);
        var path = specOption ?? record?.SpecPath;
        if (path is null)
        {
            await console.Error.WriteLineAsync($"error: run '{runId}' has no recorded spec (it was not started by 'baton run'). Pass --spec path/to/spec.yaml.").ConfigureAwait(false);
            return (null, record);
        }

        var spec = await CommandSupport.LoadSpecAsync(path, console).ConfigureAwait(false);
        if (spec is not null && record is { SpecHash.Length: > 0 } && specOption is null && record.SpecHash != spec.ContentHash)
        {
            await console.Error.WriteLineAsync($"warning: {spec.FilePath} changed since run '{runId}' started; if its agents or prompts changed, the journal will not match.").ConfigureAwait(false);
        }

        return (spec, record);
    }
}
