// A silo for the cluster tests, like 'baton worker' but with orchestrations registered in code: people in the loop,
// in versions a test chooses. It prints "worker <silo> ready ..." when it has joined, and stops gracefully on SIGINT.
// Usage: Baton.Orleans.TestSilo --postgres CONN --orchestrations NAME[,NAME...] [--probe-timeout 1s] [--recovery-period 5s]
// The agents that call a model use OPENAI_BASE_URL (the tests' fake model server).
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Baton.Orleans;
using Baton.Orleans.TestSilo;
using Baton.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

var options = args.Chunk(2).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
if (!options.TryGetValue("--postgres", out var postgres) || !options.TryGetValue("--orchestrations", out var names))
{
    Console.Error.WriteLine("usage: Baton.Orleans.TestSilo --postgres CONN --orchestrations NAME[,NAME...] [--probe-timeout 1s] [--recovery-period 5s]");
    return 2;
}

var probe = Seconds(options.GetValueOrDefault("--probe-timeout"));
var recovery = Seconds(options.GetValueOrDefault("--recovery-period"));
var model = ChatClientFactory.Create("openai:fake", new ProviderSettings());

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Baton", LogLevel.Information);
builder.UseOrleans(silo =>
{
    silo.ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort(), listenOnAnyHostAddress: false);
    if (probe is { } timeout)
    {
        silo.Configure<ClusterMembershipOptions>(m =>
        {
            m.ProbeTimeout = timeout;
            m.TableRefreshTimeout = timeout * 2;
            m.IAmAliveTablePublishTimeout = timeout * 2;
        });
    }

    silo.AddBaton(baton =>
    {
        baton.ConnectionString = postgres;
        baton.RecoveryReminderPeriod = recovery ?? baton.RecoveryReminderPeriod;
        foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            DeskOrchestrations.Register(baton.Orchestrations, name, model);
        }
    });
});
using var host = builder.Build();
await host.StartAsync();
var address = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
Console.Out.WriteLine($"worker {address} ready (cluster 'baton'); orchestrations: {names}");

using var stopping = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    stopping.Cancel();
});
try
{
    await Task.Delay(Timeout.Infinite, stopping.Token);
}
catch (OperationCanceledException)
{
    // SIGINT: stop gracefully below.
}

Console.Out.WriteLine($"worker {address} stopping: handing its runs over to the other workers.");
using (var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
{
    await host.StopAsync(stopTimeout.Token);
}

Console.Out.WriteLine($"worker {address} stopped.");
return 0;

static TimeSpan? Seconds(string? text) =>
    text is null ? null : TimeSpan.FromSeconds(double.Parse(text.TrimEnd('s'), CultureInfo.InvariantCulture));

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
