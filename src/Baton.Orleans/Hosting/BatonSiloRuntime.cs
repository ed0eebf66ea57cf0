using Baton.Journal;
using Baton.Orleans.Grains;
using Baton.Orleans.Parking;
using Baton.Orchestration;
using Baton.Storage.Postgres;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Baton.Orleans.Hosting;

/// <summary>What every run grain of a silo shares: the journal store, the orchestration catalog and the runner settings.</summary>
internal sealed class BatonSiloRuntime : IAsyncDisposable
{
    private readonly PostgresRunStore _store;

    public BatonSiloRuntime(BatonSiloOptions options, ILoggerFactory loggerFactory, ILocalSiloDetails silo)
    {
        Options = options;
        _store = new PostgresRunStore(Options.ConnectionString);
        LoggerFactory = loggerFactory;
        Logger = loggerFactory.CreateLogger("Baton.Orleans");
        WorkerId = silo.SiloAddress.ToString();
        var probe = new HandoffRunnerOptions();
        Options.ConfigureRunner?.Invoke(probe);
        TimeProvider = probe.TimeProvider;
    }

    public BatonSiloOptions Options { get; }

    public PostgresRunStore Store => _store;

    public ILoggerFactory LoggerFactory { get; }

    public ILogger Logger { get; }

    /// <summary>Gets this silo's address as text: the owner named on every lease its executions take (and the dead-silo recovery looks for).</summary>
    public string WorkerId { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>Creates the runner for one execution: the silo's settings, writing through the execution's journal, its leases owned by this silo.</summary>
    public HandoffRunner CreateRunner(IRunStore journal)
    {
        var options = new HandoffRunnerOptions { LoggerFactory = LoggerFactory };
        Options.ConfigureRunner?.Invoke(options);
        options.Store = journal;
        options.WorkerId = WorkerId;
        return new HandoffRunner(options);
    }

    /// <summary>Builds a run's orchestration for one execution, its agents' clients wrapped to park on long provider back-offs.</summary>
    public Orchestration.Orchestration BuildOrchestration(RegisteredOrchestration registration, string runId, IParkingTarget execution) =>
        registration.Build(new OrchestrationContext(runId, client => Decorate(client, execution)));

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private ParkingChatClient Decorate(IChatClient client, IParkingTarget execution) =>
        new(client, execution, Options.ParkAfter, TimeProvider);
}
