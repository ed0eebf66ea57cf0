using Baton.Agents;
using Baton.Context;
using Baton.Orchestration;
using Baton.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Testing.Tests;

/// <summary>
/// The three-agent pipeline behind Recordings/v2-sequential-run.jsonl. Set BATON_UPDATE_RECORDINGS=1 to record it
/// again (after an intended prompt change); otherwise tests replay the checked-in file. Recordings/v1-sequential-run.jsonl
/// is the same run as journal schema version 1 wrote it, frozen: later versions must still replay and resume it.
/// </summary>
internal static class RecordedPipeline
{
    public const string RunId = "recorded-sequential-1";
    public const string FileName = "v2-sequential-run.jsonl";
    public const string V1FileName = "v1-sequential-run.jsonl";

    /// <summary>The lease owner the recorded run names (a fixed worker id, so the recording does not depend on the machine).</summary>
    public const string WorkerId = "recorder";

    /// <summary>The frozen version-1 recording (the same file as <see cref="V1FileName"/>).</summary>
    public const string LegacyFileName = V1FileName;
    public const string Task = "Explain in two sentences why durable journals matter for agent handoffs.";
    public static readonly DateTimeOffset StartedAt = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public static SequentialPipeline Build(Microsoft.Extensions.AI.IChatClient client, string writerInstructions = "You are the writer. Turn the notes into two clear sentences.") =>
        Pipeline.Sequential(
            "recorded-sequential",
            new Agent("researcher", client) { Instructions = "You are the researcher. List three facts as short notes.", Writes = "notes" },
            new Agent("writer", client) { Instructions = writerInstructions, Reads = ["notes"], Writes = "draft" },
            new Agent("editor", client) { Instructions = "You are the editor. Tighten the draft; keep two sentences.", Reads = ["draft"], Writes = "final" });

    public static HandoffRunner Runner(out FakeTimeProvider time)
    {
        time = new FakeTimeProvider(StartedAt);
        return new HandoffRunner(new HandoffRunnerOptions { TimeProvider = time, WorkerId = WorkerId });
    }

    public static HandoffContext Context => HandoffContext.Create(Task);

    public static string RecordingPath => Path.Combine(AppContext.BaseDirectory, "Recordings", FileName);

    public static string V1RecordingPath => Path.Combine(AppContext.BaseDirectory, "Recordings", V1FileName);

    public static string LegacyRecordingPath => V1RecordingPath;

    /// <summary>Records the run with a scripted model into the source tree, when asked to.</summary>
    public static async Task RecordIfRequestedAsync(CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("BATON_UPDATE_RECORDINGS") != "1")
        {
            return;
        }

        var scripted = ScriptedChatClient.PerAgent(new Dictionary<string, IReadOnlyList<string>>
        {
            ["researcher"] = ["- journals survive crashes\n- recorded answers are not re-sent\n- runs can be inspected later"],
            ["writer"] = ["Durable journals let a crashed run resume without repeating model calls. They also leave a record to inspect."],
            ["editor"] = ["A durable journal lets a crashed run resume without paying for its model calls again. It is also the record you inspect afterwards."],
        });
        var result = await Runner(out _).RunAsync(Build(scripted), Context, new RunOptions { RunId = RunId }, cancellationToken);
        // Source paths are mapped in builds, so find the repository from the output directory instead.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Baton.slnx")))
        {
            root = root.Parent;
        }

        var target = Path.Combine(root!.FullName, "tests", "Baton.Testing.Tests", "Recordings", FileName);
        await JournalFile.WriteAsync(target, result.Journal, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(RecordingPath)!);
        await JournalFile.WriteAsync(RecordingPath, result.Journal, cancellationToken);
    }
}
