using Baton.Journal;

namespace Baton.Testing.Tests;

public sealed class JournalFileTests
{
    [Fact]
    public void Parse_FormattedJournal_ReturnsIdenticalEvents()
    {
        var journal = JournalFile.Read(RecordedPipeline.RecordingPath);

        var again = JournalFile.Parse(JournalFile.Format(journal));

        Assert.Equal(journal.Select(JournalSerializer.Serialize), again.Select(JournalSerializer.Serialize));
    }

    [Fact]
    public void Parse_FrozenV1Recording_ReadsBackByteForByte()
    {
        var lines = File.ReadAllLines(RecordedPipeline.V1RecordingPath).Skip(1).Where(l => l.Length > 0);

        Assert.Equal(lines, JournalFile.Read(RecordedPipeline.V1RecordingPath).Select(JournalSerializer.Serialize));
    }

    [Fact]
    public void Parse_BrokenLine_NamesSourceAndLine()
    {
        var text = "{\"schema_version\":1}\n{\"kind\":\"run_started\",\n";

        var error = Assert.Throws<FormatException>(() => JournalFile.Parse(text, "runs/broken.jsonl"));

        Assert.StartsWith("runs/broken.jsonl line 2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NewerSchemaVersion_FailsAskingToUpgrade()
    {
        var text = $"{{\"schema_version\":{JournalSerializer.CurrentSchemaVersion + 1}}}\n" + File.ReadAllLines(RecordedPipeline.RecordingPath)[1];

        var error = Assert.Throws<FormatException>(() => JournalFile.Parse(text, "future.jsonl"));

        Assert.Contains("Upgrade Baton", error.Message, StringComparison.Ordinal);
    }
}
