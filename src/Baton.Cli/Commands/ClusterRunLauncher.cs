using Baton.Cli.Output;
using Baton.Cli.Progress;
using Baton.Journal;
using Baton.Orleans;
using Baton.Orchestration;
using Baton.Specs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

namespace Baton.Cli.Commands;

/// <summary><c>baton run SPEC --cluster CONN</c>: submits the spec's run to a cluster and follows it with the same live progress as a local run.</summary>
internal static class ClusterRunLauncher
{
    public static async Task<int> ExecuteAsync(CliConsole console, PipelineSpec spec, string task, string connectionString, string clusterId, bool json, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client.UseBatonCluster(connectionString, clusterId));
        using var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await console.Error.WriteLineAsync($"error: cannot reach the cluster '{clusterId}' through PostgreSQL ({ex.GetType().Name}: {ex.Message}). Start a worker first: baton worker --postgres \"...\" --specs DIR").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        var cluster = host.Services.GetRequiredService<BatonClusterClient>();
        var request = new ClusterRunRequest
        {
            Orchestration = spec.Flow.Name ?? spec.Name,
            DefinitionHash = spec.ContentHash,
            Task = task,
            Intent = spec.Intent,
            Constraints = spec.Constraints,
            Limits = spec.Limits,
        };
        IRunObserver? observer = null;
        LiveProgress? live = null;
        if (!json)
        {
            if (console.IsOutputRedirected || console.Out is not SafeConsoleWriter terminal)
            {
                observer = new PlainProgress(console.Out, console.TimeProvider);
            }
            else
            {
                live = new LiveProgress(terminal, console.TimeProvider);
                observer = live;
            }
        }

        RunResult result;
        try
        {
            await cluster.StartAsync(request, cancellationToken).ConfigureAwait(false);
            if (!json)
            {
                await console.Out.WriteLineAsync($"submitted run {request.RunId} to cluster '{clusterId}'").ConfigureAwait(false);
            }

            using (live?.Start())
            {
                result = await cluster.WaitAsync(request.RunId, observer, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OrchestrationUnavailableException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        catch (OrchestrationConfigurationException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C stops following; the run goes on in the cluster. Cancel it for good only when asked to.
            await console.Error.WriteLineAsync($"stopped following run {request.RunId}; it goes on in the cluster (inspect it with 'baton show {request.RunId} --postgres ...').").ConfigureAwait(false);
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await ResultPrinter.PrintAsync(result, console, json, $"cluster '{clusterId}'", rehearsal: false).ConfigureAwait(false);
        return ExitCodes.For(result.Status);
    }
}
