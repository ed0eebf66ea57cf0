using System.Text;
using System.Text.Json;
using Baton.Cli.Output;
using Baton.Secrets;

namespace Baton.Cli.Tests;

public sealed class SecretTests
{
    private const string Key = "sk-ant-test-SECRET123";
    private const string OpenAIKey = "sk-proj-Cli0Leak1Check2Key3Value4Abc5Def6";

    [Fact]
    public async Task EveryCommand_WithAnApiKeyInTheEnvironment_NeverWritesTheKeyAnywhere()
    {
        using var cli = new CliHarness()
            .WithEnvironment("ANTHROPIC_API_KEY", Key)
            .WithEnvironment("OPENAI_API_KEY", "sk-openai-test-SECRET456");
        var outputs = new StringBuilder();

        var run = await cli.RunAsync("run", "samples/01-sequential/pipeline.yaml", "--model", "rehearsal", "--json");
        outputs.Append(run);
        var runId = JsonDocument.Parse(run.Out).RootElement.GetProperty("run_id").GetString()!;
        foreach (var args in new[] { ["runs"], ["show", runId], ["show", runId, "--json"], ["replay", runId], ["report", runId, "-o", "trace.html"], new[] { "run", "samples/01-sequential/pipeline.yaml" } })
        {
            outputs.Append(await cli.RunAsync(args));
        }

        Assert.Equal(0, run.ExitCode);
        var artifacts = Artifacts(cli);
        Assert.Contains(artifacts, a => a.Key.EndsWith("runs.db", StringComparison.Ordinal));
        Assert.Contains(artifacts, a => a.Key.EndsWith("trace.html", StringComparison.Ordinal));
        foreach (var secret in new[] { Key, "sk-openai-test-SECRET456", "SECRET123", "SECRET456" })
        {
            Assert.DoesNotContain(secret, outputs.ToString(), StringComparison.Ordinal);
            Assert.All(artifacts, a => Assert.False(a.Value.Contains(secret, StringComparison.Ordinal), $"{a.Key} contains the key"));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(460)]
    [InlineData(470)]
    [InlineData(478)]
    [InlineData(490)]
    [InlineData(499)]
    [InlineData(500)]
    [InlineData(100_000)]
    public async Task Run_ProviderErrorOfAnyLengthEchoingTheKey_NoFragmentInAnyOutputJournalOrTrace(int padding)
    {
        // The error text is "invalid_request_error: <padding><key>...": these paddings put the key across the provider's 500-character cut.
        await using var server = ModelServer.Start(_ => Task.FromResult((401, ModelServer.Error("invalid_request_error", new string('x', padding) + OpenAIKey + " is not valid"))));
        using var cli = WithOpenAI(server);

        var run = await cli.RunAsync("run", EchoSpec(cli), "--model", "openai:gpt-test");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("set a valid key in OPENAI_API_KEY", run.Out, StringComparison.Ordinal);
        AssertNowhere(cli, run, await InspectEveryWayAsync(cli));
    }

    [Fact]
    public async Task Run_ModelReplyEchoesTheKey_NoFragmentInAnyOutputJournalOrTrace()
    {
        await using var server = ModelServer.Answering($"Sure. Your key is {OpenAIKey}; its start is {OpenAIKey[..16]}, and here is another: sk-ant-api03-{new string('Q', 40)}.");
        using var cli = WithOpenAI(server);

        var run = await cli.RunAsync("run", EchoSpec(cli), "--model", "openai:gpt-test");
        var json = await cli.RunAsync("run", EchoSpec(cli), "--model", "openai:gpt-test", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Your key is {SecretRedactor.Mask}; its start is {SecretRedactor.Mask}, and here is another: {SecretRedactor.Mask}.", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("QQQQQQQQ", run.Out + json.Out, StringComparison.Ordinal);
        AssertNowhere(cli, run, json + await InspectEveryWayAsync(cli));
    }

    [Fact]
    public void SafeConsoleWriter_KeyWrittenWholeInPiecesOrCharByChar_IsMasked()
    {
        using var inner = new StringWriter();
        using var writer = new SafeConsoleWriter(inner, new SecretRedactor(Key));

        writer.WriteLine($"auth failed for key {Key}");
        writer.Write("split: " + Key[..10]);
        writer.Write(Key[10..] + "\n");
        foreach (var c in $"chars: {Key}\n")
        {
            writer.Write(c);
        }

        writer.Write("woven: sk-ant-\u0007test-SEC\u001b[0mRET123\n");
        writer.Write($"unterminated {Key}");
        writer.Flush();

        Assert.Equal(
            $"auth failed for key [redacted]{Environment.NewLine}split: [redacted]\nchars: [redacted]\nwoven: [redacted]\nunterminated [redacted]",
            inner.ToString());
    }

    [Fact]
    public void SafeConsoleWriter_StatusLine_StaysBelowPrintedLinesAndIsRedacted()
    {
        using var inner = new StringWriter();
        using var writer = new SafeConsoleWriter(inner, new SecretRedactor(Key));

        writer.ShowStatus($"agent {Key} \u001b[2J working", 40);
        writer.WriteLine("step 1");
        writer.ShowStatus(null, 40);

        var status = "agent [redacted]  working";
        var erase = "\r" + new string(' ', status.Length) + "\r";
        Assert.Equal(status + erase + "step 1" + Environment.NewLine + status + erase, inner.ToString());
    }

    private static CliHarness WithOpenAI(ModelServer server) => new CliHarness()
        .WithEnvironment("OPENAI_API_KEY", OpenAIKey)
        .WithEnvironment("OPENAI_BASE_URL", server.BaseUrl.ToString());

    internal static string EchoSpec(CliHarness cli) => cli.Write("echo.yaml", """
        name: echo
        task: say something
        agents:
          writer:
            instructions: Write one line.
            writes: draft
        flow: writer
        """);

    private static async Task<string> InspectEveryWayAsync(CliHarness cli)
    {
        var text = new StringBuilder();
        var runs = await cli.RunAsync("runs", "--json");
        text.Append(runs);
        foreach (var run in JsonDocument.Parse(runs.Out).RootElement.EnumerateArray())
        {
            var id = run.GetProperty("run_id").GetString()!;
            foreach (var args in new[] { ["show", id], ["show", id, "--json"], ["report", id, "-o", $"trace-{id}.html"], new[] { "replay", id, "--spec", "echo.yaml" } })
            {
                text.Append(await cli.RunAsync(args));
            }
        }

        text.Append(await cli.RunAsync("runs"));
        return text.ToString();
    }

    private static void AssertNowhere(CliHarness cli, CliRun run, string more)
    {
        var artifacts = Artifacts(cli);
        Assert.Contains(artifacts, a => a.Key.EndsWith(".html", StringComparison.Ordinal));
        var everything = new Dictionary<string, string>(artifacts) { ["output"] = run + more };
        for (var i = 0; i + SecretRedactor.FragmentLength <= OpenAIKey.Length; i++)
        {
            var fragment = OpenAIKey.Substring(i, SecretRedactor.FragmentLength);
            Assert.All(everything, a => Assert.False(a.Value.Contains(fragment, StringComparison.Ordinal), $"{a.Key} holds '{fragment}' of the key"));
        }
    }

    private static Dictionary<string, string> Artifacts(CliHarness cli)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Directory.EnumerateFiles(cli.WorkingDirectory, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}samples{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => f, f => Encoding.UTF8.GetString(File.ReadAllBytes(f)));
    }
}
