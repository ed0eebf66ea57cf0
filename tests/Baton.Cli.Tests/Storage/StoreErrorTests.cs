using Microsoft.Data.Sqlite;

namespace Baton.Cli.Tests.Storage;

/// <summary>A store the CLI cannot use, or a damaged run in it: one line naming the file or the run and sequence, exit 1, the other runs still listed.</summary>
public sealed class StoreErrorTests
{
    [Theory]
    [InlineData("notes.txt", false)]
    [InlineData("a-folder", true)]
    public async Task Runs_StoreThatIsNotADatabase_PrintsOneLineNamingTheFile(string name, bool directory)
    {
        using var cli = new CliHarness();
        var path = Path.Combine(cli.WorkingDirectory, name);
        if (directory)
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            await File.WriteAllTextAsync(path, string.Concat(Enumerable.Repeat("not a database\n", 400)), TestContext.Current.CancellationToken);
        }

        var runs = await cli.RunAsync("runs", "--store", name);

        Assert.Equal(1, runs.ExitCode);
        var line = Assert.Single(runs.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", runs.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_TamperedRow_NamesRunAndSequenceWhileRunsStillListsEveryRun()
    {
        using var cli = new CliHarness();
        var first = await InspectionCommandTests.RunIdAsync(cli);
        var second = await InspectionCommandTests.RunIdAsync(cli);
        await using (var connection = new SqliteConnection($"Data Source={cli.StorePath};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE events SET json = '{broken' WHERE run_id = $run AND seq = 3;";
            command.Parameters.AddWithValue("$run", first);
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var show = await cli.RunAsync("show", first);
        var runs = await cli.RunAsync("runs");

        Assert.Equal(1, show.ExitCode);
        Assert.StartsWith($"error: Run '{first}', journal event at sequence 3: ", show.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", show.Error, StringComparison.Ordinal);
        Assert.Equal(0, runs.ExitCode);
        Assert.Contains(first, runs.Out, StringComparison.Ordinal);
        Assert.Contains(second, runs.Out, StringComparison.Ordinal);
    }
}
