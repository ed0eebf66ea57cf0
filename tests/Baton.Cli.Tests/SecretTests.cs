using System.Text;

namespace Baton.Cli.Tests;

public sealed class SecretTests
{
    private const string Key = "sk-ant-test-SECRET123";

    [Fact]
    public async Task EveryCommand_WithAnApiKeyInTheEnvironment_NeverWritesTheKeyAnywhere()
    {
        using var cli = new CliHarness()
            .WithEnvironment("ANTHROPIC_API_KEY", Key)
            .WithEnvironment("OPENAI_API_KEY", "sk-openai-test-SECRET456");
        var outputs = new StringBuilder();

        var run = await cli.RunAsync("run", "samples/01-sequential/pipeline.yaml", "--model", "rehearsal", "--json");
        outputs.Append(run);
        var runId = System.Text.Json.JsonDocument.Parse(run.Out).RootElement.GetProperty("run_id").GetString()!;
        foreach (var args in new[] { ["runs"], ["show", runId], ["show", runId, "--json"], ["replay", runId], ["report", runId, "-o", "trace.html"], new[] { "run", "samples/01-sequential/pipeline.yaml" } })
        {
            outputs.Append(await cli.RunAsync(args));
        }

        Assert.Equal(0, run.ExitCode);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var artifacts = Directory.EnumerateFiles(cli.WorkingDirectory, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(artifacts, a => a.EndsWith("runs.db", StringComparison.Ordinal));
        Assert.Contains(artifacts, a => a.EndsWith("trace.html", StringComparison.Ordinal));
        foreach (var secret in new[] { Key, "sk-openai-test-SECRET456", "SECRET123", "SECRET456" })
        {
            Assert.DoesNotContain(secret, outputs.ToString(), StringComparison.Ordinal);
            foreach (var artifact in artifacts)
            {
                var bytes = await File.ReadAllBytesAsync(artifact, TestContext.Current.CancellationToken);
                Assert.False(Encoding.UTF8.GetString(bytes).Contains(secret, StringComparison.Ordinal), $"{artifact} contains the key");
            }
        }
    }

    [Fact]
    public void SecretRedactingWriter_TextContainingAKey_IsMasked()
    {
        using var inner = new StringWriter();
        using var writer = new SecretRedactingWriter(inner, [Key]);

        writer.WriteLine($"auth failed for key {Key}");

        Assert.Equal("auth failed for key ***" + Environment.NewLine, inner.ToString());
    }
}
