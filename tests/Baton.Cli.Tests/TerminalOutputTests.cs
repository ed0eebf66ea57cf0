using Baton.Agents;
using Baton.Cli.Output;
using Baton.Cli.Progress;
using Baton.Orchestration;
using Baton.Secrets;
using Baton.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Cli.Tests;

public sealed class TerminalOutputTests
{
    private const string Key = "sk-ant-test-TERMINAL123";

    // What a hostile model could print: clipboard write (OSC 52), a disguised link (OSC 8), clear screen and cursor
    // moves (CSI), a C1 CSI, a device control string, a bell and a lone carriage return that overwrites the line.
    public static TheoryData<string, string> Payloads => new()
    {
        { "a\u001b]52;c;ZWNobyBwd25lZA==\u0007b", "ab" },
        { "a\u001b]52;c;ZWNobyBwd25lZA==\u001b\\b", "ab" },
        { "\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\", "click" },
        { "x\u001b[2J\u001b[H\u001b[31mred\u001b[0m", "xred" },
        { "x\u009b2Jy", "xy" },
        { "x\u001bPq#0;2;0;0;0\u001b\\y", "xy" },
        { "x\u001bcy\u0007\u0008z\u007f", "xyz" },
        { "visible\rhidden", "visiblehidden" },
        { "keep\ttabs\nand lines\r\n", "keep\ttabs\nand lines\r\n" },
        { "unterminated \u001b]52;c;AAAA\nnext", "unterminated \nnext" },
        { "plain text, ünïcödé ✓", "plain text, ünïcödé ✓" },
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Strip_ControlSequence_IsRemovedAndTextKept(string text, string expected)
    {
        Assert.Equal(expected, TerminalText.Strip(text));
    }

    [Fact]
    public async Task Run_ModelAnswerWithTerminalEscapes_ReachesNeitherStdoutNorShow()
    {
        await using var server = ModelServer.Answering("Done.\u001b]52;c;cm0gLXJmIH4=\u0007\u001b[2J\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\");
        using var cli = new CliHarness().WithEnvironment("OPENAI_BASE_URL", server.BaseUrl.ToString());
        var spec = SecretTests.EchoSpec(cli);

        var run = await cli.RunAsync("run", spec, "--model", "openai:gpt-test");
        var runId = run.Out.Split('\n').Single(l => l.StartsWith("Run: ", StringComparison.Ordinal))[5..37];
        var show = await cli.RunAsync("show", runId);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Done.link", run.Out, StringComparison.Ordinal);
        foreach (var output in new[] { run.Out, run.Error, show.Out, show.Error })
        {
            Assert.DoesNotContain('\u001b', output);
            Assert.DoesNotContain('\u0007', output);
        }
    }

    [Fact]
    public async Task LiveProgress_RunWithHostileFailure_PrintsOnlyThroughTheRedactingConsole()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        using var inner = new StringWriter();
        using var console = new SafeConsoleWriter(inner, new SecretRedactor(Key));
        var live = new LiveProgress(console, time);
        var client = new ScriptedChatClient(_ => throw new InvalidOperationException($"bad key {Key}\u001b]52;c;AAAA\u0007"));
        var options = new HandoffRunnerOptions { TimeProvider = time };
        options.Observers.Add(live);

        using (live.Start())
        {
            await new HandoffRunner(options).RunAsync(Pipeline.Sequential("p", new Agent("writer", client)), "task", TestContext.Current.CancellationToken);
            time.Advance(TimeSpan.FromMilliseconds(250));
        }

        var text = inner.ToString();
        Assert.Contains("writer failed: InvalidOperationException: bad key [redacted]", text, StringComparison.Ordinal);
        Assert.Contains("writer · step 1/", text, StringComparison.Ordinal);
        Assert.DoesNotContain("TERMINAL", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text);
        Assert.EndsWith("\r", text, StringComparison.Ordinal);
    }
}
