using Baton.Cli.Models;
using Baton.Providers;
using Baton.Specs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;

namespace Baton.Cli.Tests.Models;

/// <summary>How the CLI turns an agent's model and its spec settings into a chat client.</summary>
public sealed class CliModelResolverTests
{
    private static AgentSpec Agent(TimeSpan? attemptTimeout) =>
        new() { Name = "writer", Location = new SourceLocation("spec.yaml", 3, 3), AttemptTimeout = attemptTimeout };

    [Fact]
    public async Task Resolve_AgentAttemptTimeout_BoundsEachAttemptOfItsCalls()
    {
        using var stop = new CancellationTokenSource();
        await using var server = ModelServer.Start(async _ =>
        {
            // A server that never answers: only the per-attempt limit can end the call.
            await Task.Delay(Timeout.Infinite, stop.Token);
            return (200, string.Empty);
        });
        var time = new FakeTimeProvider();
        var console = new CliConsole
        {
            TimeProvider = time,
            GetEnvironmentVariable = name => name == "OPENAI_BASE_URL" ? server.BaseUrl.ToString() : null,
        };
        using var client = new CliModelResolver(console).Resolve(ModelReference.Parse("openai:local"), Agent(TimeSpan.FromSeconds(3)));

        var call = client.GetResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken);
        var ex = await Assert.ThrowsAsync<TimeoutRejectedException>(() => DriveAsync(time, call));
        await stop.CancelAsync();

        Assert.Equal(TimeSpan.FromSeconds(3), ex.Timeout);
        Assert.Contains("per-attempt time limit of 3 s", ex.Message, StringComparison.Ordinal);
        Assert.Contains("attempt_timeout", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingsFor_AttemptTimeoutLongerThanTheRequestTimeout_RequestTimeoutOutlastsIt()
    {
        var resolver = new CliModelResolver(new CliConsole { GetEnvironmentVariable = _ => null });

        var settings = resolver.SettingsFor(Agent(TimeSpan.FromMinutes(20)));

        // Otherwise the SDK's own request timeout (5 minutes) would cut a slow local server's answer first.
        Assert.True(settings.RequestTimeout > TimeSpan.FromMinutes(20), $"RequestTimeout is {settings.RequestTimeout}");
    }

    [Fact]
    public void SettingsFor_NoAttemptTimeout_KeepsTheDefaultRequestTimeout()
    {
        var resolver = new CliModelResolver(new CliConsole { GetEnvironmentVariable = _ => null });

        Assert.Equal(new ProviderSettings().RequestTimeout, resolver.SettingsFor(Agent(null)).RequestTimeout);
        Assert.Equal(new ProviderSettings().RequestTimeout, resolver.SettingsFor(Agent(TimeSpan.FromSeconds(30))).RequestTimeout);
    }

    // Moves the fake clock in small steps while the call waits on it (its timeouts and backoff delays).
    private static async Task<T> DriveAsync<T>(FakeTimeProvider time, Task<T> task)
    {
        for (var i = 0; i < 10_000 && !task.IsCompleted; i++)
        {
            await Task.Delay(1, TestContext.Current.CancellationToken);
            time.Advance(TimeSpan.FromMilliseconds(250));
        }

        return await task;
    }
}
