using Baton.Journal;
using Baton.Storage.Postgres;
using Baton.Storage.Postgres.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Baton.Orleans.Tests.Cluster;

/// <summary>
/// A cluster on this machine, all on loopback: a temporary PostgreSQL server, a fake model server, real
/// <c>baton worker</c> processes running a 4-step pipeline spec, and an Orleans client. Everything it started is
/// stopped on dispose, even when a test fails.
/// </summary>
internal sealed class ClusterHarness : IAsyncDisposable
{
    public const string Orchestration = Pipeline4Spec.Name;
    public static readonly string[] Agents = Pipeline4Spec.Agents;

    private readonly List<WorkerProcess> _workers = [];
    private readonly string _specs;
    private TemporaryPostgresServer? _postgres;
    private IHost? _client;

    private ClusterHarness(string specs) => _specs = specs;

    public string ConnectionString { get; private set; } = string.Empty;

    public FakeModelServer Model { get; private set; } = null!;

    public PostgresRunStore Store { get; private set; } = null!;

    public BatonClusterClient Client { get; private set; } = null!;

    /// <summary>Gets the Orleans client under <see cref="Client"/> (for the management grain).</summary>
    public IClusterClient Orleans { get; private set; } = null!;

    public IReadOnlyList<WorkerProcess> Workers => _workers;

    /// <summary>Starts PostgreSQL and the model server, or skips the test when PostgreSQL is not installed (fails under CI=true).</summary>
    public static async Task<ClusterHarness> StartAsync(TimeSpan modelDelay, CancellationToken cancellationToken)
    {
        var bin = TemporaryPostgresServer.FindBinaries();
        if (bin is null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(TemporaryPostgresServer.InstallHint + " (CI=true: the cluster tests must run in CI.)");
            }

            Assert.Skip(TemporaryPostgresServer.InstallHint);
        }

        var specs = Directory.CreateTempSubdirectory("baton-cluster-specs-").FullName;
        await File.WriteAllTextAsync(Path.Combine(specs, "pipeline4.yaml"), Pipeline4Spec.Yaml, cancellationToken);
        var harness = new ClusterHarness(specs);
        try
        {
            harness._postgres = await TemporaryPostgresServer.StartAsync(bin, cancellationToken);
            harness.ConnectionString = await harness._postgres.CreateDatabaseAsync("baton_cluster", cancellationToken);
            harness.Model = FakeModelServer.Start(modelDelay);
            harness.Store = new PostgresRunStore(harness.ConnectionString);
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }

        return harness;
    }

    /// <summary>Starts <paramref name="count"/> workers with the 4-step pipeline spec and waits until each is ready.</summary>
    public Task StartWorkersAsync(int count, params string[] extraArguments) => StartWorkersWithSpecsAsync(count, _specs, extraArguments);

    /// <summary>Starts <paramref name="count"/> workers with the specs in <paramref name="specsDirectory"/> and waits until each is ready.</summary>
    public Task<IReadOnlyList<WorkerProcess>> StartWorkersWithSpecsAsync(int count, string specsDirectory, params string[] extraArguments) =>
        StartAsync(count, (name, connection, environment, arguments) => WorkerProcess.Start(name, connection, specsDirectory, environment, arguments), extraArguments);

    /// <summary>Starts <paramref name="count"/> test silos with the code orchestrations named (see <c>Baton.Orleans.TestSilo</c>) and waits until each is ready.</summary>
    public Task<IReadOnlyList<WorkerProcess>> StartTestSilosAsync(int count, string orchestrations) =>
        StartAsync(count, (name, connection, environment, arguments) => WorkerProcess.StartTestSilo(name, connection, orchestrations, environment, arguments), []);

    private async Task<IReadOnlyList<WorkerProcess>> StartAsync(
        int count, Func<string, string, IReadOnlyDictionary<string, string>, string[], WorkerProcess> launch, string[] extraArguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["OPENAI_BASE_URL"] = Model.BaseUrl.ToString(),
            ["OPENAI_API_KEY"] = "test-key-not-secret",
        };
        var started = new List<WorkerProcess>();
        for (var i = 0; i < count; i++)
        {
            // Each worker has two pools (the journal's and Orleans'); keep them all inside the server's 300 connections.
            var workerConnection = ConnectionString.Replace("Maximum Pool Size=200", "Maximum Pool Size=40", StringComparison.Ordinal);
            var worker = launch($"w{_workers.Count + 1}", workerConnection, environment, ["--probe-timeout", "1s", "--recovery-period", "5s", .. extraArguments]);
            _workers.Add(worker);
            started.Add(worker);

            // One at a time: joining silos on 2 busy cores is slow enough without contention.
            await worker.WaitReadyAsync(TimeSpan.FromSeconds(120));
        }

        return started;
    }

    public async Task ConnectClientAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client.UseBatonCluster(ConnectionString));

        // Learn of workers that join (and stop using those that left) within a second, not Orleans' default minute.
        builder.Services.Configure<GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
        _client = builder.Build();
        await _client.StartAsync(cancellationToken);
        Client = _client.Services.GetRequiredService<BatonClusterClient>();
        Orleans = _client.Services.GetRequiredService<IClusterClient>();
    }

    public static ClusterRunRequest Request(string key) => new()
    {
        RunId = $"run-{key}",
        Orchestration = Orchestration,
        Task = $"Process item RUNKEY-{key} carefully.",
        Limits = new Guards.RunLimits { MaxSteps = 10, Deadline = null },
    };

    public async Task<IReadOnlyList<JournalEvent>> JournalAsync(string key, CancellationToken cancellationToken) =>
        await Store.ReadAsync($"run-{key}", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        if (_client is not null)
        {
            try
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _client.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
            }

            _client.Dispose();
        }

        if (Store is not null)
        {
            await Store.DisposeAsync();
        }

        if (Model is not null)
        {
            await Model.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        try
        {
            Directory.Delete(_specs, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
