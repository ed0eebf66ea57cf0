using System.Diagnostics;

namespace Baton.Cli.Tests.Humans;

/// <summary><c>baton answer</c> refuses bad input before it touches the run: exit 2, one line saying what to fix, the run still waits.</summary>
public sealed class AnswerInputTests
{
    [Theory]
    [InlineData("")]
    [InlineData("--approve --text x")]
    public async Task Answer_NotExactlyOneAnswer_Exits2(string answer)
    {
        using var cli = new CliHarness().WithEnvironment("USER", "alice");
        var runId = await WaitingRuns.StartAsync(cli);

        var run = await cli.RunAsync([.. new[] { "answer", runId }, .. answer.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("exactly one of --text", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_NobodySaysWhoAnswers_Exits2()
    {
        using var cli = new CliHarness();
        var runId = await WaitingRuns.StartAsync(cli);

        var run = await cli.RunAsync("answer", runId, "--text", "{}");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("say who answers with --as NAME", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_RespondentWithControlCharacters_Exits2()
    {
        using var cli = new CliHarness();
        var runId = await WaitingRuns.StartAsync(cli);

        var run = await cli.RunAsync("answer", runId, "--text", "{}", "--as", "alice\nroot");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--as must be a name", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_RunThatDoesNotWait_Exits2()
    {
        using var cli = new CliHarness();
        var runId = await WaitingRuns.StartAsync(cli);
        await WaitingRuns.AnswerAsync(cli, runId, """{"action":"refund"}""", "alice");

        var run = await cli.RunAsync("answer", runId, "--text", "{}", "--as", "bob");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"run {runId} is not waiting for input (it is Completed)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_ApprovalForAStepThatAsksForJson_Exits2()
    {
        using var cli = new CliHarness();
        var runId = await WaitingRuns.StartAsync(cli);

        var run = await cli.RunAsync("answer", runId, "--approve", "--as", "bob");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not a verdict: answer with --file answer.json | --text '{...}'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_AnotherStep_Exits2()
    {
        using var cli = new CliHarness();
        var runId = await WaitingRuns.StartAsync(cli);

        var run = await cli.RunAsync("answer", runId, "--text", "{}", "--as", "bob", "--step", "7");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("at step 2, not at step 7", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing", "does not exist")]
    [InlineData("folder", "is a folder, not a file")]
    [InlineData("empty", "is empty or is not a regular file")]
    [InlineData("/dev/zero", "is empty or is not a regular file")]
    [InlineData("fifo", "is empty or is not a regular file")]
    [InlineData("large", "may have at most 1,048,576 bytes")]
    [InlineData("latin1", "is not UTF-8 text (invalid bytes at offset 4)")]
    public async Task Answer_HostileAnswerFile_Exits2WithWhatIsWrongAndTheRunStillWaits(string kind, string expected)
    {
        using var cli = new CliHarness();
        var runId = await WaitingRuns.StartAsync(cli);
        var path = Prepare(cli, kind);

        var clock = Stopwatch.StartNew();
        var run = await cli.RunAsync("answer", runId, "--file", path, "--as", "bob");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        var pending = await cli.RunAsync("pending", "--json");
        Assert.Contains(runId, pending.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AnswerFile_UtfEightWithByteOrderMark_ReadsTheTextWithoutIt()
    {
        using var cli = new CliHarness();
        var path = Path.Combine(cli.WorkingDirectory, "bom.json");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "{\"action\":\"refund\"}"u8]);

        var read = Commands.AnswerFile.Read(path, "bom.json");

        Assert.True(read.IsRead, read.Message);
        Assert.Equal("{\"action\":\"refund\"}", read.Text);
    }

    private static string Prepare(CliHarness cli, string kind)
    {
        var path = Path.Combine(cli.WorkingDirectory, kind);
        switch (kind)
        {
            case "folder":
                Directory.CreateDirectory(path);
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "/dev/zero":
                return "/dev/zero";
            case "fifo":
                using (var mkfifo = Process.Start("mkfifo", path))
                {
                    mkfifo.WaitForExit();
                }

                break;
            case "large":
                File.WriteAllText(path, new string('x', Commands.AnswerFile.MaxBytes + 1));
                break;
            case "latin1":
                File.WriteAllBytes(path, [0x7B, 0x22, 0x61, 0x22, 0xE9, 0x7D]);
                break;
            default:
                break;
        }

        return kind;
    }
}
