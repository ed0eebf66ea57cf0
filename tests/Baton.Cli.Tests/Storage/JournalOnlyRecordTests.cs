using System.Text.Json.Nodes;
using Baton.Journal;
using Baton.Storage.Sqlite;

namespace Baton.Cli.Tests.Storage;

/// <summary>
/// The journal is the only record of a run: <c>baton run</c> records the spec and model on <c>run_started</c> and writes
/// no side file; runs started by the previous version are still found through its side file (for one release).
/// </summary>
public sealed class JournalOnlyRecordTests
{
    private const string Sample = "samples/01-sequential/pipeline.yaml";

    [Fact]
    public async Task Run_RecordsSpecPathHashAndModelOnRunStartedAndWritesNoSideFile()
    {
        using var cli = new CliHarness();

        var runId = await InspectionCommandTests.RunIdAsync(cli);

        var started = Assert.IsType<RunStarted>((await ReadAsync(cli, runId))[0]);
        Assert.Equal(Path.Combine(cli.WorkingDirectory, Sample), started.SpecPath);
        Assert.Matches("^[0-9a-f]{64}$", started.SpecHash!);
        Assert.Equal(started.SpecHash, started.DefinitionHash);
        Assert.Equal(1, started.LeaseEpoch);
        Assert.False(File.Exists(Path.Combine(cli.WorkingDirectory, ".baton", "runs.specs.json")));
    }

    [Fact]
    public async Task Replay_RunStartedByThePreviousVersion_FindsItsSpecInTheLegacySideFile()
    {
        using var cli = new CliHarness();
        var runId = await InspectionCommandTests.RunIdAsync(cli);
        var legacyId = await CopyAsVersion1RunAsync(cli, runId);
        await File.WriteAllTextAsync(
            Path.Combine(cli.WorkingDirectory, ".baton", "runs.specs.json"),
            new JsonObject { [legacyId] = new JsonObject { ["spec_path"] = Path.Combine(cli.WorkingDirectory, Sample), ["spec_sha256"] = "old", ["model"] = null } }.ToJsonString(),
            TestContext.Current.CancellationToken);

        var replay = await cli.RunAsync("replay", legacyId);

        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Contains("the outcome and the final output match the recording", replay.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_Version1RunWithoutSideFileEntry_AsksForSpec()
    {
        using var cli = new CliHarness();
        var runId = await InspectionCommandTests.RunIdAsync(cli);
        var legacyId = await CopyAsVersion1RunAsync(cli, runId);
        await File.WriteAllTextAsync(Path.Combine(cli.WorkingDirectory, ".baton", "runs.specs.json"), "{ not json", TestContext.Current.CancellationToken);

        var replay = await cli.RunAsync("replay", legacyId);

        Assert.Equal(2, replay.ExitCode);
        Assert.Contains("has no recorded spec", replay.Error, StringComparison.Ordinal);
        Assert.Contains("--spec", replay.Error, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<JournalEvent>> ReadAsync(CliHarness cli, string runId)
    {
        await using var store = new SqliteRunStore(cli.StorePath);
        return await store.ReadAsync(runId, TestContext.Current.CancellationToken);
    }

    /// <summary>Copies a run's journal under a new id as the previous version wrote it: no lease, no spec on run_started.</summary>
    private static async Task<string> CopyAsVersion1RunAsync(CliHarness cli, string runId)
    {
        await using var store = new SqliteRunStore(cli.StorePath);
        var events = await store.ReadAsync(runId, TestContext.Current.CancellationToken);
        var legacyId = "legacy" + runId[..8];
        var copy = events.Select(e => (e is RunStarted s ? s with { SpecPath = null, SpecHash = null, DefinitionHash = null, Model = null, LeaseOwner = null } : e) with { RunId = legacyId, LeaseEpoch = 0 }).ToList();
        await store.AppendAsync(legacyId, 0, copy, TestContext.Current.CancellationToken);
        return legacyId;
    }
}
