using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Cli.Tests.Humans;

/// <summary><c>baton pending</c>, <c>show</c>, <c>report</c> and <c>runs</c> on runs that wait for a person: read from the journal alone.</summary>
public sealed class PendingAndShowTests
{
    [Fact]
    public async Task Pending_RunWaitingInTheStore_ListsWhoIsAskedSinceWhenAndDueWhen()
    {
        using var cli = new CliHarness();
        var runId = await WaitingRuns.StartAsync(cli, new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)));

        var pending = await cli.RunAsync("pending");

        Assert.True(pending.ExitCode == 0, pending.ToString());
        var row = Assert.Single(pending.Out.Split('\n'), l => l.StartsWith(runId, StringComparison.Ordinal));
        Assert.Contains("support-leads (lead)", row, StringComparison.Ordinal);
        Assert.Contains("2026-03-02 09:00:00", row, StringComparison.Ordinal);
        Assert.Contains("2026-03-02 13:00:00 OVERDUE", row, StringComparison.Ordinal);
        Assert.Contains("Decide the resolution for this escalated case.", row, StringComparison.Ordinal);
        Assert.Contains("'baton answer RUN --file answer.json | --text '{...}''", pending.Out, StringComparison.Ordinal);
        Assert.Contains("1 wait is past due", pending.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pending_Json_OneObjectPerWaitingRun()
    {
        using var cli = new CliHarness();
        var runId = await WaitingRuns.StartAsync(cli);

        var pending = await cli.RunAsync("pending", "--json");

        Assert.True(pending.ExitCode == 0, pending.ToString());
        var item = Assert.Single(JsonDocument.Parse(pending.Out).RootElement.EnumerateArray());
        Assert.Equal(runId, item.GetProperty("run_id").GetString());
        Assert.Equal("lead", item.GetProperty("agent").GetString());
        Assert.Equal("support-leads", item.GetProperty("assignee").GetString());
        Assert.Equal("json", item.GetProperty("expects").GetString());
        Assert.Equal("resolution", item.GetProperty("contract").GetString());
        Assert.Equal(2, item.GetProperty("step").GetInt32());
        Assert.False(item.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task Pending_NoRunWaits_SaysSo()
    {
        using var cli = new CliHarness();

        var pending = await cli.RunAsync("pending");

        Assert.Equal(0, pending.ExitCode);
        Assert.Contains("waits for input", pending.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_WaitingRun_ShowsTheQuestionTheViewAndHowToAnswer()
    {
        using var cli = new CliHarness();
        var runId = await WaitingRuns.StartAsync(cli);

        var show = await cli.RunAsync("show", runId);

        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains($"Run {runId}  orchestration 'desk'  AwaitingInput", show.Out, StringComparison.Ordinal);
        Assert.Contains("asked support-leads (lead) at ", show.Out, StringComparison.Ordinal);
        Assert.Contains("expects JSON satisfying contract 'resolution'", show.Out, StringComparison.Ordinal);
        Assert.Contains($"WAITING since ", show.Out, StringComparison.Ordinal);
        Assert.Contains($"'baton answer {runId} --file answer.json", show.Out, StringComparison.Ordinal);
        Assert.Contains("waiting for input: Waiting for support-leads to answer 'lead' (step 2)", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_AnsweredRun_ShowsTheAnswerAndWhoGaveIt()
    {
        using var cli = new CliHarness();
        var runId = await WaitingRuns.StartAsync(cli);
        await WaitingRuns.AnswerAsync(cli, runId, """{"action":"refund"}""", "alice");

        var show = await cli.RunAsync("show", runId);

        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Matches("answered by alice at .* after \\d+s: \\{\"action\":\"refund\"\\}", show.Out);
        Assert.Contains("ended: Completed", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_AnsweredRun_TracePageHoldsTheQuestionTheWaitAndTheRespondent()
    {
        using var cli = new CliHarness();
        var runId = await WaitingRuns.StartAsync(cli);
        await WaitingRuns.AnswerAsync(cli, runId, """{"action":"refund"}""", "alice <ops>");

        var report = await cli.RunAsync("report", runId, "-o", "trace.html");

        Assert.True(report.ExitCode == 0, report.ToString());
        var html = await File.ReadAllTextAsync(Path.Combine(cli.WorkingDirectory, "trace.html"), TestContext.Current.CancellationToken);
        Assert.Contains("Asked support-leads (lead)", html, StringComparison.Ordinal);
        Assert.Contains("Decide the resolution for this escalated case.", html, StringComparison.Ordinal);
        Assert.Contains("Answered by <b>alice &lt;ops&gt;</b>", html, StringComparison.Ordinal);
        Assert.Contains("answered by alice &lt;ops&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alice <ops>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_WaitingRun_PointsToPendingAndAnswer()
    {
        using var cli = new CliHarness();
        await WaitingRuns.StartAsync(cli);

        var runs = await cli.RunAsync("runs");

        Assert.Contains("AwaitingInput", runs.Out, StringComparison.Ordinal);
        Assert.Contains("1 run waits for a person's answer: 'baton pending'", runs.Out, StringComparison.Ordinal);
    }
}
