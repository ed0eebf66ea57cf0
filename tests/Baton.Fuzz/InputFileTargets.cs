using Baton.Evaluation.Baselines;
using Baton.Evaluation.Datasets;
using Baton.Journal;
using Baton.Testing;
using CsCheck;

namespace Baton.Fuzz;

/// <summary>
/// Fuzz targets for the inputs added since the first campaign: evaluation data sets (JSONL and CSV) and baseline
/// reports, journal files (Baton.Testing's <see cref="JournalFile"/>) and journal rows read back from a store. Each
/// input must give a value or the reader's typed error — never another exception — within the target's bound.
/// </summary>
public sealed class InputFileTargets
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(2);

    [Fact]
    public void EvalDataset_GeneratedJsonl_CasesOrLocatedErrors() =>
        Expect(FuzzRunner.Run("eval data set (JSONL)", EvalInputs.Jsonl, CheckJsonl, FuzzRunner.Literal, s_bound));

    [Fact]
    public void EvalDataset_GeneratedCsv_CasesOrLocatedErrors() =>
        Expect(FuzzRunner.Run("eval data set (CSV)", EvalInputs.Csv, CheckCsv, FuzzRunner.Literal, s_bound));

    [Fact]
    public void RecordedEval_GeneratedReports_ReadOrOneError() =>
        Expect(FuzzRunner.Run("eval baseline report", EvalInputs.Report, CheckBaseline, FuzzRunner.Literal, s_bound));

    [Fact]
    public void JournalFile_GeneratedFiles_EventsOrFormatException() =>
        Expect(FuzzRunner.Run("journal file", JournalInputs.File, CheckJournalFile, FuzzRunner.Literal, s_bound));

    [Fact]
    public void JournalSerializer_MutatedStoredRows_EventOrUnreadableJournal() =>
        Expect(FuzzRunner.Run(
            "stored journal row",
            JournalInputs.Row,
            CheckStoredRow,
            row => $"run {FuzzRunner.Literal(row.RunId)} sequence {row.Sequence} version {row.SchemaVersion} json {FuzzRunner.Literal(row.Json)}",
            s_bound));

    internal static void CheckJsonl(string text) => CheckDataset(EvalDataset.ParseJsonl(text, "fuzz.jsonl"), "fuzz.jsonl");

    internal static void CheckCsv(string text) => CheckDataset(EvalDataset.ParseCsv(text, "fuzz.csv"), "fuzz.csv");

    internal static void CheckBaseline(string json)
    {
        var ok = RecordedEval.TryParse(json, "fuzz.json", out var recorded, out var error);
        Assert.Equal(ok, recorded is not null);
        Assert.Equal(ok, error.Length == 0);
        if (!ok)
        {
            Assert.StartsWith("fuzz.json", error, StringComparison.Ordinal);
            AssertOneLine(error);
            return;
        }

        foreach (var run in recorded!.Runs)
        {
            Assert.Equal(-1, JsonText.IndexOfLoneSurrogate(run.CaseId + run.RunId + run.Status + run.Reason + string.Concat(run.JudgeRunIds)));
            Assert.True(run.Repeat >= 1);
        }

        _ = recorded.Repeat;
    }

    internal static void CheckJournalFile(string text)
    {
        IReadOnlyList<JournalEvent> events;
        try
        {
            events = JournalFile.Parse(text, "fuzz.jsonl");
        }
        catch (FormatException ex)
        {
            // The typed error of JournalFile: it names the source and line.
            Assert.StartsWith("fuzz.jsonl line ", ex.Message, StringComparison.Ordinal);
            AssertOneLine(ex.Message);
            return;
        }

        foreach (var e in events)
        {
            AssertWritable(e);
        }
    }

    internal static void CheckStoredRow(StoredRow row)
    {
        JournalEvent e;
        try
        {
            e = JournalSerializer.DeserializeStored(row.RunId, row.Sequence, row.Json, row.SchemaVersion);
        }
        catch (UnreadableJournalException ex)
        {
            // The typed error of a store: it names the run and the sequence, so the store's other runs stay readable.
            Assert.Equal((row.RunId, row.Sequence), (ex.RunId, ex.Sequence));
            Assert.StartsWith($"Run '{row.RunId}', journal event at sequence {row.Sequence}: ", ex.Message, StringComparison.Ordinal);
            AssertOneLine(ex.Message);
            return;
        }

        Assert.Equal((row.RunId, row.Sequence), (e.RunId, e.Sequence));
        AssertWritable(e);
        if (e is RunStarted)
        {
            // What every reader does with a journal's first event.
            _ = RunState.FromEvents([e]);
            _ = RunSummary.FromEvents([e]);
        }
    }

    private static void CheckDataset(DatasetLoadResult result, string file)
    {
        Assert.Equal(result.IsValid, result.Errors.Count == 0);
        Assert.True(result.Errors.Count <= new DatasetReadOptions().MaxErrors + 10, $"{result.Errors.Count} errors");
        foreach (var error in result.Errors)
        {
            Assert.Equal(file, error.File);
            Assert.True(error.Line >= 0);
            AssertOneLine(error.Message);
        }

        foreach (var c in result.Cases)
        {
            // What a case holds is journaled when it runs: it must be valid text.
            Assert.False(string.IsNullOrEmpty(c.Id));
            Assert.Equal(-1, JsonText.IndexOfLoneSurrogate(c.Id + c.Task + c.Intent + c.Description + string.Concat(c.Constraints) + string.Concat(c.Tags)));
            Assert.All(c.Expectations, x => Assert.NotNull(x));
        }
    }

    private static void Expect(FuzzReport report)
    {
        TestContext.Current.SendDiagnosticMessage(report.ToString());
        Assert.True(report.Failures.Count == 0, string.Join("\n\n", report.Failures));
    }

    // An event a reader returned can be written again (by a store, a report, 'baton show --json') and reads back the same.
    private static void AssertWritable(JournalEvent e)
    {
        var json = JournalSerializer.Serialize(e);
        Assert.Equal(-1, JsonText.IndexOfLoneSurrogate(json));
        Assert.Equal(json, JournalSerializer.Serialize(JournalSerializer.Deserialize(json)));
    }

    private static void AssertOneLine(string message)
    {
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.Equal(-1, JsonText.IndexOfLoneSurrogate(message));
        Assert.True(message.Length <= 4_000, $"a {message.Length}-character message: {JsonText.Clip(message, 300)}");
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        Assert.False(message.Contains('\n', StringComparison.Ordinal) || message.Contains('\r', StringComparison.Ordinal), $"a message of several lines: {JsonText.Clip(message, 300)}");
    }
}
