using Baton.Journal;
using Baton.Orleans;
using Baton.Orchestration;
using Baton.Specs;

namespace Baton.Cli.Commands;

/// <summary><c>baton run SPEC --cluster CONN</c>: submits the spec's run to a cluster and follows it with the same live progress as a local run.</summary>
internal static class ClusterRunLauncher
{
    public static async Task<int> ExecuteAsync(CliConsole console, PipelineSpec spec, string task, string connectionString, string clusterId, bool json, CancellationToken cancellationToken)
    {
        var connection = await ClusterConnection.ConnectAsync(console, connectionString, clusterId, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return ExitCodes.Failed;
        }

        await using var connectionLifetime = connection.ConfigureAwait(false);
        var request = new ClusterRunRequest
        {
            Orchestration = spec.Flow.Name ?? spec.Name,
            DefinitionHash = spec.ContentHash,
            Task = task,
            Intent = spec.Intent,
            Constraints = spec.Constraints,
            Limits = spec.Limits,
        };
        var (observer, live) = ClusterConnection.Progress(console, json);
        RunResult result;
        try
        {
            await connection.Client.StartAsync(request, cancellationToken).ConfigureAwait(false);
            if (!json)
            {
                await console.Out.WriteLineAsync($"submitted run {request.RunId} to cluster '{clusterId}'").ConfigureAwait(false);
            }

            using (live?.Start())
            {
                result = await connection.Client.WaitAsync(request.RunId, observer, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OrchestrationUnavailableException or OrchestrationConfigurationException)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C stops following; the run goes on in the cluster.
            await console.Error.WriteLineAsync($"stopped following run {request.RunId}; it goes on in the cluster (inspect it with 'baton show {request.RunId} --postgres ...').").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        await ResultPrinter.PrintAsync(result, console, json, connection.StoreName, rehearsal: false).ConfigureAwait(false);
        return ExitCodes.For(result.Status);
    }
}
