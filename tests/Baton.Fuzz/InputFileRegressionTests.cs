namespace Baton.Fuzz;

/// <summary>
/// Inputs the evaluation, journal-file and stored-row targets found (first 4,000-input runs, seed 20261130), kept by
/// name so they stay fixed. Each one threw from a reader that must return a value or its typed error.
/// </summary>
public sealed class InputFileRegressionTests
{
    // JSONL: JsonElement.GetString throws InvalidOperationException on a lone surrogate escape; JsonDocument.Parse throws
    // ArgumentException on a raw one. Both are now an error at the line (and the field).
    [Theory]
    [InlineData("{\"task\": \"\\ud83d\"}\n")]
    [InlineData("{\"task\": \"ok\", \"tags\": [\"\\udc00\"]}\n")]
    [InlineData("{\"task\": \"ok\", \"expect\": {\"judge\": {\"rubric\": \"\\ud800\"}}}\n")]
    [InlineData("{\"task\": \"a\"}\n{\"task\": \"{HI}\"}\n")]
    public void Jsonl_LoneSurrogate_IsAnErrorAtItsLine(string text) => InputFileTargets.CheckJsonl(Lone(text));

    // CSV: a raw lone surrogate in a header or field was echoed into an error message (which must be valid text).
    [Theory]
    [InlineData("{HI}id,description,bogus\n\n")]
    [InlineData("task,{LO}\n")]
    [InlineData("task,expect\nx,\"{\"\"judge\"\": \"\"\\ud83d\"\"}\"\n")]
    public void Csv_LoneSurrogate_IsAnErrorWithValidText(string text) => InputFileTargets.CheckCsv(Lone(text));

    // Baselines: TryGetInt32 throws InvalidOperationException on a string ("1"); a raw lone surrogate threw ArgumentException.
    [Theory]
    [InlineData("{\"format\": \"baton-eval\", \"schema_version\": \"1\", \"cases\": []}")]
    [InlineData("{\"format\": \"baton-eval\", \"schema_version\": 1, \"cases\": [{\"id\": \"a\", \"status\": \"Completed\", \"outcome\": \"passed\", \"repeat\": \"1\"}]}")]
    [InlineData("{\"format\": \"baton-eval\", \"schema_version\": 1, \"cases\": [{\"id\": \"\\ud83d\", \"status\": \"Completed\", \"outcome\": \"passed\"}]}")]
    [InlineData("{\"format\": \"baton-eval\"}{HI}")]
    public void Baseline_WrongTypesAndLoneSurrogates_AreOneError(string json) => InputFileTargets.CheckBaseline(Lone(json));

    // Journal files: a header whose schema_version is not a whole number (1.5, 1e999, "2", null) threw
    // FormatException without the file and line, or InvalidOperationException; a raw lone surrogate threw ArgumentException.
    [Theory]
    [InlineData("{\"schema_version\":1.5}\n")]
    [InlineData("{\"schema_version\":1e999}\n")]
    [InlineData("{\"schema_version\":\"2\"}\n")]
    [InlineData("{\"schema_version\":null}\n")]
    [InlineData("{\"schema_version\":2}\n{\"kind\":\"handoff\",\"to\":\"{HI}\"}\n")]
    public void JournalFile_BadHeaderOrText_IsAFormatExceptionWithItsLine(string text) => InputFileTargets.CheckJournalFile(Lone(text));

    // Stored rows: null where the event needs a value ("messages": null gave a default ImmutableArray that threw
    // NullReferenceException when the event was written again; "supervisor": null was accepted), and a number too large
    // for a double (read as infinity, which cannot be written again). Each is now an unreadable row, named.
    [Theory]
    [InlineData("{\"kind\":\"agent_called\",\"attempt\":2,\"messages\":null,\"request_hash\":\"abc\",\"run_id\":\"r\",\"sequence\":4,\"timestamp\":\"2026-01-02T03:04:09+02:00\",\"step\":1,\"agent\":\"writer\"}")]
    [InlineData("{\"kind\":\"handoff\",\"to\":\"writer\",\"outputs\":null,\"run_id\":\"r\",\"sequence\":4,\"timestamp\":\"2026-01-02T03:04:09+02:00\",\"step\":1,\"agent\":\"writer\"}")]
    [InlineData("{\"kind\":\"routing_decided\",\"supervisor\":null,\"next_agent\":\"a\",\"run_id\":\"r\",\"sequence\":4,\"timestamp\":\"2026-01-02T03:04:09+02:00\",\"step\":1,\"agent\":\"desk\"}")]
    [InlineData("{\"kind\":\"agent_failed\",\"error_type\":\"X\",\"message\":\"m\",\"latency_ms\":1e999,\"run_id\":\"r\",\"sequence\":4,\"timestamp\":\"2026-01-02T03:04:09+02:00\",\"step\":1,\"agent\":\"w\"}")]
    [InlineData("{\"kind\":\"agent_failed\",\"error_type\":null,\"message\":\"m\",\"run_id\":\"r\",\"sequence\":4,\"timestamp\":\"2026-01-02T03:04:09+02:00\",\"step\":1,\"agent\":\"w\"}")]
    public void StoredRow_NullOrInfiniteWhereAValueIsNeeded_IsUnreadable(string json) => InputFileTargets.CheckStoredRow(new StoredRow("r", 4, json, 2));

    // From the 1,000,000-input campaign (CSV, input 114787): a key twice in the 'expect' column's JSON made the JSON tree
    // throw ArgumentException; it is now an error naming the key.
    [Theory]
    [InlineData("expect,task\n\"{\"\"status\"\": \"\"completed\"\", \"\"status\"\": 31}\",t\n")]
    [InlineData("expect,task\n\"{\"\"judge\"\": {\"\"rubric\"\": \"\"a\"\", \"\"rubric\"\": \"\"b\"\"}}\",t\n")]
    public void Csv_KeyTwiceInTheExpectColumn_IsAnError(string text) => InputFileTargets.CheckCsv(text);

    // From the first 100,000-input campaign: a JSON value (an output) holding a lone surrogate escape read back but could
    // not be written again; a row without run_id read as a null run id (NullReferenceException in the check); a row
    // without its list read as a default array, and a list item without its fields as nulls.
    [Theory]
    [InlineData("{\"kind\":\"output_recorded\",\"name\":\"w\",\"value\":\"Draft\\udc00\",\"summary\":\"s\",\"run_id\":\"r\",\"sequence\":4,\"timestamp\":\"2026-11-01T09:00:00+00:00\",\"step\":1,\"agent\":\"w\"}")]
    [InlineData("{\"kind\":\"fallback_used\",\"via\":\"primary\",\"reason\":\"x\",\"sequence\":4,\"timestamp\":\"2026-01-02T03:04:09+00:00\",\"step\":1,\"agent\":\"writer\"}")]
    [InlineData("{\"kind\":\"agent_called\",\"request_hash\":\"h\",\"run_id\":\"r\",\"sequence\":4,\"timestamp\":\"2026-01-02T03:04:09+00:00\",\"step\":1,\"agent\":\"writer\"}")]
    [InlineData("{\"kind\":\"agent_called\",\"messages\":[{}],\"request_hash\":\"h\",\"run_id\":\"r\",\"sequence\":4,\"timestamp\":\"2026-01-02T03:04:09+00:00\",\"step\":1,\"agent\":\"writer\"}")]
    public void StoredRow_MissingOrInvalidParts_ReadsWholeOrIsUnreadable(string json) => InputFileTargets.CheckStoredRow(new StoredRow("r", 4, json, 2));

    // From the same campaign: messages quoting a long name or several lines of input (an unknown key, column or kind,
    // the JSON reader's view of a broken report) must stay one line of bounded length.
    [Fact]
    public void Messages_QuotingLongOrMultiLineInput_StayOneBoundedLine()
    {
        var name = new string('9', 5_000);
        InputFileTargets.CheckJsonl($"{{\"task\": \"t\", \"{name}\": 1}}\n");
        InputFileTargets.CheckCsv($"task,{name}\nx,y\n");
        InputFileTargets.CheckBaseline("{\"format\": \"baton-eval\", \"schema_version\": 1, \"cases\": {\"a\\nb\": 1}}");
        InputFileTargets.CheckBaseline("{\"format\": \"baton-eval\", \"name\": \"a\\r\\nb\" \"oops\"\n}");
        InputFileTargets.CheckJournalFile($"{{\"schema_version\":2}}\n{{\"kind\":\"{name}\\nx\",\"run_id\":\"r\"}}\n");
        InputFileTargets.CheckStoredRow(new StoredRow("r", 4, $"{{\"kind\":\"{name}\\nx\",\"run_id\":\"r\",\"sequence\":4}}", 2));
    }

    private static string Lone(string text) =>
        text.Replace("{HI}", "\ud83d", StringComparison.Ordinal).Replace("{LO}", "\udc00", StringComparison.Ordinal);
}
