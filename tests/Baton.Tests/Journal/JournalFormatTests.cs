using Baton.Journal;
using Baton.Tests.Snapshots;

namespace Baton.Tests.Journal;

/// <summary>
/// The journal's JSON is what stores persist, so its shape may change only on purpose. One fixed event of every
/// kind is compared with <c>journal-v2.golden.jsonl</c> (the current schema version); to accept a deliberate change
/// (and decide whether <see cref="JournalSerializer.CurrentSchemaVersion"/> must go up):
/// <c>BATON_UPDATE_JOURNAL_GOLDEN=1 dotnet test --project tests/Baton.Tests</c>. A change that old readers cannot
/// read bumps the schema version: keep the old golden file as the payloads every later Baton must still read (as
/// <c>journal-v1.golden.jsonl</c> is kept, frozen, since version 2), and add a golden file for the new version.
/// </summary>
public class JournalFormatTests
{
    private const string GoldenPath = "tests/Baton.Tests/Journal/journal-v2.golden.jsonl";

    // Frozen when schema version 2 shipped: the version 1 payloads every later Baton must read back unchanged.
    private const string GoldenV1Path = "tests/Baton.Tests/Journal/journal-v1.golden.jsonl";

    private const string UpdateVariable = "BATON_UPDATE_JOURNAL_GOLDEN";

    [Fact]
    public void JournalSerializer_OneEventOfEachKind_MatchesGoldenJsonLines()
    {
        Snapshot.Verify(GoldenPath, CurrentJsonLines(), UpdateVariable, "The journal JSON format (one event of each kind)");
    }

    [Fact]
    public void JournalSerializer_GoldenV1Lines_ReadBackToTheSameEvents()
    {
        var lines = File.ReadAllLines(Path.Combine(Snapshot.RepositoryRoot(), GoldenV1Path)).Where(l => l.Length > 0).ToList();

        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            var read = JournalSerializer.Deserialize(line, schemaVersion: 1);

            // Version 1 events have no lease: read as epoch 0 with no owner, and written back byte for byte.
            Assert.Equal(0, read.LeaseEpoch);
            Assert.Equal(line, JournalSerializer.Serialize(read));
        }
    }

    [Fact]
    public void JournalSerializer_GoldenV2Lines_ReadBackToTheSameEvents()
    {
        var lines = GoldenLines();

        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            var read = JournalSerializer.Deserialize(line, schemaVersion: 2);

            Assert.Equal(2, read.LeaseEpoch);
            Assert.Equal(line, JournalSerializer.Serialize(read));
        }
    }

    [Fact]
    public void JournalSerializer_GoldenV2_CoversEveryRegisteredKind()
    {
        var golden = GoldenLines().Select(l => JournalSerializer.Deserialize(l).Kind).ToHashSet(StringComparer.Ordinal);

        Assert.All(JournalSamples.RegisteredKinds(), k => Assert.Contains(k.Kind, golden));
    }

    private static string CurrentJsonLines() =>
        string.Join('\n', JournalSamples.RegisteredKinds().Select((k, i) => JournalSerializer.Serialize(JournalSamples.Create(k.Type, i))));

    private static List<string> GoldenLines()
    {
        // In update mode the golden file may not be written yet when this test runs: write it first.
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Snapshot.Verify(GoldenPath, CurrentJsonLines(), UpdateVariable, "The journal JSON format (one event of each kind)");
        }

        return [.. File.ReadAllLines(Path.Combine(Snapshot.RepositoryRoot(), GoldenPath)).Where(l => l.Length > 0)];
    }
}
