using System.Text.RegularExpressions;

namespace Baton.Cli.Tests;

/// <summary>
/// The bad-input table (issue 11): each row runs the built tool as a process and must end with its exit code, a
/// clear message and no stack trace, within <see cref="ToolProcess.Bound"/>; for stores, the other runs must still
/// be listed.
/// </summary>
public sealed partial class BadInputTests
{
    public static IEnumerable<TheoryDataRow<string>> Rows =>
        BadInputTable.Cases.Select(c => BadInputTable.PendingOnOtherSlices.TryGetValue(c.Name, out var slice)
            ? new TheoryDataRow<string>(c.Name) { Skip = $"pending: fixed by the '{slice}' slice (BadInputTable.PendingOnOtherSlices)" }
            : new TheoryDataRow<string>(c.Name));

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task BadInput_Row_ExitsWithAClearMessageAndNoStackTraceInBoundedTime(string name)
    {
        var row = BadInputTable.Cases.Single(c => c.Name == name);
        await using var context = new BadInputContext();
        var args = await row.ArrangeAsync(context);

        // Rows about permissions run as an ordinary user: root reads and writes any file (ToolProcess drops to
        // 'nobody' through setpriv; only a root without setpriv skips them, saying why).
        var run = await ToolProcess.RunAsync(context.Cli.WorkingDirectory, context.Environment, args, unprivileged: row.Unprivileged);

        Assert.False(run.TimedOut, run.ToString());
        Assert.True(row.Exits.Contains(run.ExitCode), $"expected exit {string.Join(" or ", row.Exits)}; {run}");
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Error, StringComparison.Ordinal);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(lines, line => Assert.Matches(MessageLine(), line));
        if (row.OneLine)
        {
            Assert.True(lines.Length == 1, $"expected a one-line error; {run}");
        }

        if (row.Says is { } says)
        {
            Assert.True((run.Error + run.Out).Contains(says, StringComparison.Ordinal), $"expected the output to say '{says}'; {run}");
        }

        if (row.NeverSays is { } never)
        {
            Assert.DoesNotContain(never, run.Error + run.Out, StringComparison.Ordinal);
        }

        if (context.Store is { } store)
        {
            var runs = await ToolProcess.RunAsync(context.Cli.WorkingDirectory, context.Environment, ["runs", "--store", store]);
            Assert.True(runs.ExitCode == 0, runs.ToString());
            Assert.All(context.GoodRuns, id => Assert.Contains(id, runs.Out, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void PendingOnOtherSlices_EveryName_IsARowOfTheTable()
    {
        Assert.All(BadInputTable.PendingOnOtherSlices.Keys, name => Assert.Contains(BadInputTable.Cases, c => c.Name == name));
        Assert.Equal(BadInputTable.Cases.Count, BadInputTable.Cases.Select(c => c.Name).Distinct().Count());
    }

    // What may appear on stderr: errors and warnings, located diagnostics and their summary, the usage hint, the
    // notices a run prints there with --json, and the contract's errors listed under a refused answer.
    [GeneratedRegex(@"^(error: |warning: |Run 'baton --help'|\S.*:\d+(:\d+)?: error: |\S.*: \d+ problems?; nothing was run\.|REHEARSAL|To use a real model|or pass --model|model |people \(the run waits|- |The answer must satisfy contract )")]
    private static partial Regex MessageLine();
}
