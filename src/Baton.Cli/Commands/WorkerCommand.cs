using System.CommandLine;
using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Baton.Cli.Models;
using Baton.Cli.Output;
using Baton.Orleans;
using Baton.Specs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Baton.Cli.Commands;

/// <summary><c>baton worker --postgres CONN [--specs DIR]</c>: runs an Orleans silo that executes the cluster's runs until Ctrl+C.</summary>
internal static class WorkerCommand
{
    public static Command Create(CliConsole console)
    {
        var postgres = ClusterCliOptions.Postgres(required: true);
        var specs = new Option<string?>("--specs") { Description = "A folder of pipeline specs (*.yaml) this worker can run; each is registered under its orchestration name." };
        var model = CliOptions.Model();
        var address = new Option<string>("--address") { Description = "The IP address other silos and clients reach this worker at.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "The silo-to-silo port (0: a free port).", DefaultValueFactory = _ => 0 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "The port clients connect to (0: a free port).", DefaultValueFactory = _ => 0 };
        var clusterId = ClusterCliOptions.ClusterId();
        var probeTimeout = new Option<string?>("--probe-timeout") { Description = "How long a silo waits for a probe answer before counting it missed (three missed probes and two votes declare a silo dead). Default: Orleans' 5s." };
        var parkAfter = new Option<string?>("--park-after") { Description = "The shortest provider back-off (Retry-After) that parks a run instead of failing its step. Default: 2m." };
        var recovery = new Option<string?>("--recovery-period") { Description = "Period of the reminder every executing run holds, the safety net that continues it if its worker dies unnoticed. Default: 1m." };
        var command = new Command("worker", "Run a cluster worker (an Orleans silo) that executes runs submitted with 'baton run --cluster'. Ctrl+C stops it gracefully: its runs continue on the other workers.")
        {
            postgres, specs, model, address, port, gatewayPort, clusterId, probeTimeout, parkAfter, recovery,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            console,
            new WorkerSettings(
                parse.GetValue(postgres)!, parse.GetValue(specs), parse.GetValue(model), parse.GetValue(address)!, parse.GetValue(port), parse.GetValue(gatewayPort),
                parse.GetValue(clusterId)!, parse.GetValue(probeTimeout), parse.GetValue(parkAfter), parse.GetValue(recovery)),
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliConsole console, WorkerSettings settings, CancellationToken cancellationToken)
    {
        if (!IPAddress.TryParse(settings.Address, out var ip))
        {
            await console.Error.WriteLineAsync($"error: --address '{settings.Address}' is not an IP address.").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var durations = await ParseDurationsAsync(console, settings).ConfigureAwait(false);
        var (modelOk, modelOverride) = await CommandSupport.ParseModelAsync(settings.Model, console).ConfigureAwait(false);
        if (durations is null || !modelOk)
        {
            return ExitCodes.InvalidInput;
        }

        var resolver = new CliModelResolver(console);
        var compile = new SpecCompileOptions { ModelOverride = modelOverride, DefaultModel = resolver.DefaultModel(out _) };
        var catalog = new List<Action<OrchestrationCatalog>>();
        if (settings.Specs is { } specsFolder)
        {
            var folder = console.FullPath(specsFolder);
            if (!Directory.Exists(folder))
            {
                await console.Error.WriteLineAsync($"error: --specs folder '{specsFolder}' does not exist.").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            catalog.Add(c => c.AddSpecs(folder, resolver, compile));
        }

        var debug = console.GetEnvironmentVariable(CliFailure.DebugVariable) is "1" or "true";
        var starting = new StrongBox<bool>(!debug);
        var host = BuildHost(settings, ip, durations, catalog, console.Redactor, debug, starting);
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SpecCompilationException ex)
        {
            await console.Error.WriteLineAsync($"error: a spec in --specs cannot be run by this worker: {ex.Message}").ConfigureAwait(false);
            host.Dispose();
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            return ExitCodes.Completed;
        }
        catch (Exception ex) when (PostgresCause(ex) is { } cause)
        {
            await console.Error.WriteLineAsync(
                $"error: the worker cannot start: the cluster's PostgreSQL at {Location(settings.Postgres)} cannot be used ({cause.GetType().Name}: {CliFailure.OneLine(cause.Message).TrimEnd('.')}). " +
                "Check that the server is running and the host, port, database, user and password in --postgres.").ConfigureAwait(false);
            DisposeQuietly(host);
            return ExitCodes.Failed;
        }

        starting.Value = false;

        var options = host.Services.GetRequiredService<BatonSiloOptions>();
        var silo = host.Services.GetRequiredService<global::Orleans.Runtime.ILocalSiloDetails>();
        await console.Out.WriteLineAsync($"worker {silo.SiloAddress} ready (cluster '{settings.ClusterId}'); orchestrations: " +
            (options.Orchestrations.Registered.Count == 0 ? "none" : string.Join(", ", options.Orchestrations.Registered.Select(r => $"{r.Name} ({r.DefinitionHash[..Math.Min(12, r.DefinitionHash.Length)]})")))).ConfigureAwait(false);
        await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: stop gracefully below.
        }

        await console.Out.WriteLineAsync($"worker {silo.SiloAddress} stopping: handing its runs over to the other workers.").ConfigureAwait(false);
        await console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        using (var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await host.StopAsync(stopTimeout.Token).ConfigureAwait(false);
        }

        host.Dispose();
        await console.Out.WriteLineAsync($"worker {silo.SiloAddress} stopped.").ConfigureAwait(false);
        return ExitCodes.Completed;
    }

    private static IHost BuildHost(
        WorkerSettings settings, IPAddress ip, WorkerDurations durations, List<Action<OrchestrationCatalog>> catalog, Baton.Secrets.SecretRedactor redactor, bool debug, StrongBox<bool> starting)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();

        // One redacted line per entry on stderr, never a stack trace (unless BATON_DEBUG=1), nothing while starting:
        // a failed start is reported once, by the command.
        builder.Logging.AddConsole(o =>
        {
            o.FormatterName = OneLineConsoleFormatter.FormatterName;
            o.LogToStandardErrorThreshold = LogLevel.Trace;
        });
        builder.Services.AddSingleton<Microsoft.Extensions.Logging.Console.ConsoleFormatter>(new OneLineConsoleFormatter(redactor, debug, () => starting.Value));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Baton", LogLevel.Information);
        builder.UseOrleans(silo =>
        {
            silo.ConfigureEndpoints(ip, settings.Port == 0 ? FreePort() : settings.Port, settings.GatewayPort == 0 ? FreePort() : settings.GatewayPort, listenOnAnyHostAddress: false);
            if (durations.ProbeTimeout is { } probe)
            {
                silo.Configure<ClusterMembershipOptions>(m =>
                {
                    m.ProbeTimeout = probe;
                    m.TableRefreshTimeout = probe * 2;
                    m.IAmAliveTablePublishTimeout = probe * 2;
                });
            }

            silo.AddBaton(options =>
            {
                options.ConnectionString = settings.Postgres;
                options.ClusterId = settings.ClusterId;
                options.ParkAfter = durations.ParkAfter ?? options.ParkAfter;
                options.RecoveryReminderPeriod = durations.RecoveryPeriod ?? options.RecoveryReminderPeriod;

                // Every text a run journals (answers, errors, outputs) is redacted, as in a local run.
                options.ConfigureRunner = runner => runner.Redactor = redactor;
                foreach (var add in catalog)
                {
                    add(options.Orchestrations);
                }
            });
        });
        return builder.Build();
    }

    private static async Task<WorkerDurations?> ParseDurationsAsync(CliConsole console, WorkerSettings settings)
    {
        var values = new Dictionary<string, TimeSpan?>(StringComparer.Ordinal);
        foreach (var (name, text) in new[] { ("--probe-timeout", settings.ProbeTimeout), ("--park-after", settings.ParkAfter), ("--recovery-period", settings.RecoveryPeriod) })
        {
            if (text is null)
            {
                values[name] = null;
                continue;
            }

            if (!ClusterCliOptions.TryParseDuration(text, out var value))
            {
                await console.Error.WriteLineAsync($"error: {name} '{text}' is not a positive duration; write it like 500ms, 10s, 5m or 1h.").ConfigureAwait(false);
                return null;
            }

            values[name] = value;
        }

        return new WorkerDurations(values["--probe-timeout"], values["--park-after"], values["--recovery-period"]);
    }

    // The first PostgreSQL or network error in the exception's chain (Orleans wraps what its storage throws).
    private static Exception? PostgresCause(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is DbException or SocketException or TimeoutException)
            {
                return ex;
            }
        }

        return exception is AggregateException aggregate ? aggregate.InnerExceptions.Select(PostgresCause).FirstOrDefault(e => e is not null) : null;
    }

    // host:port/database, never the password.
    private static string Location(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        }
        catch (ArgumentException)
        {
            return "the --postgres connection string";
        }
    }

    private static void DisposeQuietly(IHost host)
    {
        try
        {
            host.Dispose();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException or AggregateException)
        {
            // A host that failed to start may fail to stop its half-started services; the start error is what matters.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record WorkerSettings(
        string Postgres, string? Specs, string? Model, string Address, int Port, int GatewayPort, string ClusterId, string? ProbeTimeout, string? ParkAfter, string? RecoveryPeriod);

    private sealed record WorkerDurations(TimeSpan? ProbeTimeout, TimeSpan? ParkAfter, TimeSpan? RecoveryPeriod);
}
