using System.Text.Json;
using Baton.Humans;
using Baton.Journal;
using Baton.Orleans.Tests.Cluster;

namespace Baton.Orleans.Tests;

/// <summary>
/// People in the loop on the cluster: a run that waits for a person holds no activation, an answer given through
/// any silo continues it (after the silo that ran it died), a refused answer leaves it waiting with the contract's
/// errors, and a reminder applies the wait's timeout at its due time.
/// </summary>
public sealed class PeopleOnTheClusterTests(PeopleClusterFixture fixture, ITestOutputHelper output) : IClassFixture<PeopleClusterFixture>
{
    private static readonly TimeSpan s_patience = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task WaitingRun_SiloThatRanItKilled_AnswerThroughTheOtherSiloCompletesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = await fixture.GetAsync(ct);
        Assert.Equal(2, cluster.Workers.Count(w => !w.HasExited));

        var waiting = await cluster.Client.RunAsync(DeskSpec.Request("h1"), null, ct).WaitAsync(s_patience, ct);
        Assert.Equal(RunStatus.AwaitingInput, waiting.Status);
        var owner = RunState.FromEvents(waiting.Journal).Lease!.Owner;
        var ranIt = cluster.Workers.Single(w => w.Silo == owner);
        output.WriteLine($"run-h1 waits; it ran on {ranIt.Name} ({owner})");

        // Waiting holds nothing in memory: the run's activation goes away.
        try
        {
            await WaitUntilAsync(async () => !await IsActiveAsync(cluster, "run-h1"), "the waiting run's grain to deactivate", ct);
        }
        catch
        {
            foreach (var w in cluster.Workers)
            {
                output.WriteLine($"--- {w.Name} {w.Silo}\n{w.Output}\n{w.Errors}");
            }

            throw;
        }

        ranIt.KillHard();
        await WaitUntilAsync(() => IsDeclaredDeadAsync(cluster, owner, ct), "the killed silo to be declared dead", ct);
        var before = (await cluster.JournalAsync("h1", ct)).Count;

        // An answer that breaks the step's contract is refused with its errors, and the run still waits.
        var refused = await cluster.Client.ProvideInputAsync("run-h1", Json("""{"action":"maybe"}"""), "alice", ct);
        Assert.Equal(InputOutcome.Invalid, refused.Outcome);
        Assert.NotEmpty(refused.Errors);
        Assert.Contains(refused.Errors, e => e.Path.Contains("action", StringComparison.Ordinal) || e.Message.Contains("action", StringComparison.Ordinal));
        Assert.Equal(RunStatus.AwaitingInput, refused.RunStatus);
        Assert.Equal(before, (await cluster.JournalAsync("h1", ct)).Count);

        var taken = await cluster.Client.ProvideInputAsync("run-h1", Json("""{"action":"refund"}"""), "alice", ct);
        Assert.True(taken.IsAccepted, taken.ToString());
        Assert.NotEqual(owner, taken.Silo);
        var done = await cluster.Client.WaitAsync("run-h1", taken.NextSequence, null, ct).WaitAsync(s_patience, ct);

        Assert.Equal(RunStatus.Completed, done.Status);
        var journal = await cluster.JournalAsync("h1", ct);
        var answered = Assert.Single(journal.OfType<InputProvided>());
        Assert.Equal("alice", answered.Respondent);
        Assert.Equal(taken.NextSequence, answered.Sequence);
        Assert.Equal(1, cluster.Model.Counts[("h1", "reply")]);

        // The answer took the run's next lease, owned by the silo that took it.
        var state = RunState.FromEvents(journal);
        Assert.Equal(2, state.Lease!.Epoch);
        Assert.Equal(taken.Silo, state.Lease.Owner);
        Assert.All(journal.Where(e => e.Sequence >= answered.Sequence), e => Assert.Equal(2, e.LeaseEpoch));
    }

    [Fact]
    public async Task WaitingRun_DueTimePasses_ItsReminderAppliesTheFallback()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = await fixture.GetAsync(ct);

        var waiting = await cluster.Client.RunAsync(DeskSpec.Request("d1", DeskSpec.DueName), null, ct).WaitAsync(s_patience, ct);
        Assert.Equal(RunStatus.AwaitingInput, waiting.Status);
        var question = RunState.FromEvents(waiting.Journal).PendingInput!;
        Assert.NotNull(question.DueAt);

        // Nobody answers: the run's due reminder fires on whichever silo holds its range and applies the timeout.
        IReadOnlyList<JournalEvent> journal = [];
        await WaitUntilAsync(async () => (journal = await cluster.JournalAsync("d1", ct)) is [.., RunEnded { Status: not RunStatus.AwaitingInput }], "the timeout to apply", ct);

        Assert.Equal(RunStatus.Completed, RunState.FromEvents(journal).Status);
        var timedOut = Assert.Single(journal.OfType<InputTimedOut>());
        Assert.Equal(question.Sequence, timedOut.Request);
        Assert.True(timedOut.Timestamp >= question.DueAt, "The timeout applied before its due time.");
        Assert.Contains(journal, e => e is FallbackUsed);
        Assert.Empty(journal.OfType<InputProvided>());
        Assert.Equal(1, cluster.Model.Counts[("d1", "reply")]);
    }

    [Fact]
    public async Task Pending_WaitingRuns_ListedThroughTheCluster()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = await fixture.GetAsync(ct);
        var waiting = await cluster.Client.RunAsync(DeskSpec.Request("l1"), null, ct).WaitAsync(s_patience, ct);
        Assert.Equal(RunStatus.AwaitingInput, waiting.Status);

        var pending = await cluster.Client.ListPendingAsync(ct);

        var listed = Assert.Single(pending, p => p.RunId == "run-l1");
        Assert.Equal(DeskSpec.Name, listed.Orchestration);
        Assert.Equal("support-leads", listed.Assignee);
        Assert.Equal(DeskSpec.Question, listed.Question);
        Assert.False(listed.IsOverdue);
    }

    [Fact]
    public async Task Cli_PendingOnTheSharedJournalAndAnswerThroughTheCluster_RunCompletes()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = await fixture.GetAsync(ct);
        var waiting = await cluster.Client.RunAsync(DeskSpec.Request("c1"), null, ct).WaitAsync(s_patience, ct);
        Assert.Equal(RunStatus.AwaitingInput, waiting.Status);

        var pending = await CliCommand.RunAsync(ct, "pending", "--postgres", cluster.ConnectionString);
        Assert.True(pending.ExitCode == 0, pending.Errors);
        Assert.Contains("run-c1", pending.Output, StringComparison.Ordinal);
        Assert.Contains("support-leads", pending.Output, StringComparison.Ordinal);

        var refused = await CliCommand.RunAsync(ct, "answer", "run-c1", "--cluster", cluster.ConnectionString, "--text", """{"action":"maybe"}""", "--as", "carol");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("the answer was refused; the run still waits", refused.Errors, StringComparison.Ordinal);

        var answered = await CliCommand.RunAsync(ct, "answer", "run-c1", "--cluster", cluster.ConnectionString, "--text", """{"action":"decline"}""", "--as", "carol");
        output.WriteLine($"baton pending:\n{pending.Output}\nbaton answer (refused):\n{refused.Errors}\nbaton answer:\n{answered.Output}{answered.Errors}");
        Assert.True(answered.ExitCode == 0, answered.Output + answered.Errors);
        Assert.Contains("carol's answer was taken", answered.Output, StringComparison.Ordinal);
        Assert.Contains("Completed", answered.Output, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Completed, RunState.FromEvents(await cluster.JournalAsync("c1", ct)).Status);
    }

    [Fact]
    public async Task StoreFails_ErrorReachesTheClientAsTheStoresOwnException()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = await fixture.GetAsync(ct);
        // The journal's tables exist (the store makes them on first use); a column the silos read goes missing.
        _ = await cluster.Store.ReadAsync("run-s0", ct);
        await ExecuteSqlAsync(cluster, "ALTER TABLE baton_events RENAME COLUMN json TO json_gone", ct);
        try
        {
            // PostgreSQL's error (column does not exist) crosses the wire as the store's typed error, not as a codec failure.
            var ex = await Assert.ThrowsAsync<RunStoreUnavailableException>(() => cluster.Client.GetInfoAsync("run-s1", ct));

            Assert.Contains("\"json\" does not exist", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Password", ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(typeof(RunStoreUnavailableException).FullName, Assert.IsType<ClusterRunException>(ex.InnerException).ErrorType);
        }
        finally
        {
            await ExecuteSqlAsync(cluster, "ALTER TABLE baton_events RENAME COLUMN json_gone TO json", CancellationToken.None);
        }
    }

    private static HumanAnswer Json(string json) => HumanAnswer.FromJson(JsonDocument.Parse(json).RootElement);

    private static IManagementGrain Management(ClusterHarness cluster) => cluster.Orleans.GetGrain<IManagementGrain>(0);

    private static async Task<bool> IsActiveAsync(ClusterHarness cluster, string runId) =>
        (await Management(cluster).GetActiveGrains(GrainType.Create("baton-run"))).Any(id => id.Key.ToString() == runId);

    // Read from the membership table: the management grain may still live on the dead silo.
    private static async Task<bool> IsDeclaredDeadAsync(ClusterHarness cluster, string silo, CancellationToken ct)
    {
        var parts = silo.TrimStart('S').Split(':');
        await using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM baton_orleans_membership WHERE port = $1 AND generation = $2 AND status = $3", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter<int> { TypedValue = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) });
        command.Parameters.Add(new Npgsql.NpgsqlParameter<int> { TypedValue = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) });
        command.Parameters.Add(new Npgsql.NpgsqlParameter<int> { TypedValue = (int)SiloStatus.Dead });
        return (long)(await command.ExecuteScalarAsync(ct))! > 0;
    }

    private static async Task ExecuteSqlAsync(ClusterHarness cluster, string sql, CancellationToken ct)
    {
        await using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Checks <paramref name="condition"/> until it holds; fails after a minute saying what did not happen.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + s_patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited {s_patience.TotalSeconds:F0} s for {what}.");
            await Task.Delay(100, ct);
        }
    }
}
