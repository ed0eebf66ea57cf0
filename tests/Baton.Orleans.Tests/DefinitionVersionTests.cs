using System.Text.Json;
using Baton.Humans;
using Baton.Journal;
using Baton.Orleans.Tests.Cluster;

namespace Baton.Orleans.Tests;

/// <summary>
/// A run records its orchestration's definition hash on <c>run_started</c>; a silo that has the orchestration in
/// another version refuses to continue it and leaves it as it is, for a silo that has the right version.
/// </summary>
public sealed class DefinitionVersionTests
{
    [Fact]
    public async Task WaitingRun_AnsweredOnASiloWithAnotherVersion_RefusedAndContinuedByTheRightVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ClusterHarness.StartAsync(TimeSpan.FromMilliseconds(50), ct);
        var first = (await cluster.StartTestSilosAsync(1, DeskSpec.Name)).Single();
        await cluster.ConnectClientAsync(ct);
        var waiting = await cluster.Client.RunAsync(DeskSpec.Request("v1"), null, ct).WaitAsync(TimeSpan.FromMinutes(1), ct);
        Assert.Equal(RunStatus.AwaitingInput, waiting.Status);
        var recorded = Assert.IsType<RunStarted>(waiting.Journal[0]);
        Assert.Equal(first.Silo, recorded.LeaseOwner);
        Assert.NotNull(recorded.DefinitionHash);

        // Only a silo with the other version is left.
        var other = (await cluster.StartTestSilosAsync(1, DeskSpec.OtherVersion)).Single();
        await StopAsync(first);
        var ex = await Assert.ThrowsAsync<OrchestrationUnavailableException>(() =>
            OnceTheClientSeesTheStopAsync(() => cluster.Client.ProvideInputAsync("run-v1", Json("""{"action":"refund"}"""), "bob", ct), ct));

        Assert.Contains($"definition hash {recorded.DefinitionHash}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(waiting.Journal.Count, (await cluster.JournalAsync("v1", ct)).Count);

        // A silo with the right version continues it.
        await cluster.StartTestSilosAsync(1, DeskSpec.Name);
        await StopAsync(other);
        var taken = await OnceTheClientSeesTheStopAsync(() => cluster.Client.ProvideInputAsync("run-v1", Json("""{"action":"refund"}"""), "bob", ct), ct);
        Assert.True(taken.IsAccepted, taken.ToString());
        var done = await cluster.Client.WaitAsync("run-v1", taken.NextSequence, null, ct).WaitAsync(TimeSpan.FromMinutes(1), ct);
        Assert.Equal(RunStatus.Completed, done.Status);
    }

    /// <summary>
    /// Calls the cluster once the client's view of the membership has caught up with a silo that just stopped: until
    /// then a call can still be routed to the stopped silo and fail to connect (bounded at one minute).
    /// </summary>
    private static async Task<T> OnceTheClientSeesTheStopAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (IsStaleRoute(ex) && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
            }
        }
    }

    private static bool IsStaleRoute(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex.GetType().Name is "ConnectionFailedException" or "SiloUnavailableException")
            {
                return true;
            }
        }

        return false;
    }

    private static async Task StopAsync(WorkerProcess worker)
    {
        worker.Interrupt();
        await worker.WaitForExitAsync(TimeSpan.FromMinutes(1));
    }

    private static HumanAnswer Json(string json) => HumanAnswer.FromJson(JsonDocument.Parse(json).RootElement);
}
