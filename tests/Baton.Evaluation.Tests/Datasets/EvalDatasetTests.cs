using System.Diagnostics;
using Baton.Evaluation.Datasets;
using Baton.Evaluation.Expectations;

namespace Baton.Evaluation.Tests.Datasets;

public sealed class EvalDatasetTests
{
    private static DatasetLoadResult Jsonl(string text, DatasetReadOptions? options = null) => EvalDataset.ParseJsonl(text, "cases.jsonl", options);

    private static string Errors(DatasetLoadResult result) => string.Join("\n", result.Errors);

    [Fact]
    public void ParseJsonl_FullCase_ReadsEveryFieldAndExpectation()
    {
        var result = Jsonl("""
            {"id":"a","task":"drought","intent":"short","constraints":["no jargon"],"tags":["topic","x"],"description":"d","expect":{"status":"step-limit-reached","contract":true,"contains":["wheat","yield"],"not_contains":"PWNED","regex":"(?i)dr","not_regex":"x+","equals":{"$.a":1},"max_tokens":500,"max_steps":3,"judge":["uses the research",{"rubric":"is short","model":"openai:m","output":"draft"}],"grounded":{"output":"article","sources":["research"]},"evaluate":["coherence",{"name":"fluency","model":"openai:m"}],"outputs":{"research":{"contains":"FAO"}}}}

            {"task":""}
            """);

        Assert.True(result.IsValid, Errors(result));
        var a = result.Cases[0];
        Assert.Equal(("a", "drought", "short", "d"), (a.Id, a.Task, a.Intent, a.Description));
        Assert.Equal(["no jargon"], a.Constraints);
        Assert.Equal(["topic", "x"], a.Tags);
        Assert.Equal("cases.jsonl:1", a.Source);
        Assert.Equal(
            ["status", "contract", "contains", "contains", "not_contains", "regex", "not_regex", "equals", "max_tokens", "max_steps", "judge", "judge", "grounded", "evaluator", "evaluator", "contains"],
            a.Expectations.Select(e => e.Kind));
        Assert.Equal(["step_limit_reached"], Assert.IsType<StatusExpectation>(a.Expectations[0]).Allowed);
        var judge = Assert.IsType<JudgeExpectation>(a.Expectations[11]);
        Assert.Equal(("is short", "openai:m", "draft"), (judge.Rubric, judge.Model, judge.Output));
        Assert.Equal("research", Assert.IsType<ContainsExpectation>(a.Expectations[^1]).Output);
        var empty = result.Cases[1];
        Assert.Equal(("case-2", string.Empty, "cases.jsonl:3"), (empty.Id, empty.Task, empty.Source));
    }

    [Fact]
    public void ParseJsonl_BrokenJson_ReportsFileAndLine()
    {
        var result = Jsonl("{\"task\":\"a\"}\n{\"task\":\"b\",}\n{\"task\":\"c\"}\n{task: d}");

        Assert.False(result.IsValid);
        Assert.Equal(["cases.jsonl:2", "cases.jsonl:4"], result.Errors.Select(e => $"{e.File}:{e.Line}"));
        Assert.StartsWith("cases.jsonl:2: not valid JSON at byte", result.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.Empty(result.Cases);
    }

    [Fact]
    public void ParseJsonl_EveryProblem_IsReportedAtOnceWithItsField()
    {
        var result = Jsonl("""
            {"id":"a","task":"t","expect":{"max_tokens":-3}}
            {"id":"b","tsak":"t"}
            {"id":"c","task":"t","expect":{"regex":"(unclosed","status":"done"}}
            {"id":"d","task":"t","expect":{"equals":{"sources[0]":"x"},"judge":""}}
            {"id":"e","task":5,"constraints":"one","expect":{"outputs":{"research":{"judge":"x"}}}}
            """);

        var errors = result.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains("cases.jsonl:1: expect.max_tokens: expected a positive integer, found -3", errors);
        Assert.Contains(errors, e => e.StartsWith("cases.jsonl:2: tsak: unknown property 'tsak'", StringComparison.Ordinal));
        Assert.Contains("cases.jsonl:2: task: the case has no task; add \"task\": \"what the user asks\" (an empty string tests an empty task)", errors);
        Assert.Contains(errors, e => e.StartsWith("cases.jsonl:3: expect.regex: Invalid pattern '(unclosed'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("cases.jsonl:3: expect.status: 'done' is not a status. Use one of: completed, failed", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("cases.jsonl:4: expect.equals: 'sources[0]' is not a JSON path: a JSON path starts with '$'", StringComparison.Ordinal));
        Assert.Contains("cases.jsonl:4: expect.judge: the criterion is empty; say what the judge must check", errors);
        Assert.Contains("cases.jsonl:5: task: expected a string, found 5", errors);
        Assert.Contains("cases.jsonl:5: constraints: expected an array of strings, found \"one\"", errors);
        Assert.Contains(errors, e => e.StartsWith("cases.jsonl:5: expect.outputs.research.judge: unknown property 'judge'", StringComparison.Ordinal));
    }

    [Fact]
    public void ParseJsonl_TypoInExpectation_SuggestsTheKnownName()
    {
        var result = Jsonl("""{"task":"t","expect":{"maxTokens":10}}""");

        Assert.Contains("(did you mean 'max_tokens'?)", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseJsonl_DuplicateIds_ReportsTheSecondLineAndNamesTheFirst()
    {
        var result = Jsonl("{\"id\":\"a\",\"task\":\"t\"}\n{\"id\":\"b\",\"task\":\"t\"}\n{\"id\":\"a\",\"task\":\"t\"}");

        Assert.Equal("cases.jsonl:3: id: 'a' is also the id of the case at cases.jsonl:1; give every case a unique id (baselines compare cases by id)", Assert.Single(result.Errors).ToString());
    }

    [Theory]
    [InlineData("""{"id":"","task":"t"}""")]
    [InlineData("""{"id":" padded","task":"t"}""")]
    [InlineData("""{"id":"a\u0007b","task":"t"}""")]
    public void ParseJsonl_BadId_IsRefused(string line)
    {
        Assert.StartsWith("cases.jsonl:1: id: an id is 1 to 200 characters", Assert.Single(Jsonl(line).Errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseJsonl_LineOverTheLimit_IsReportedNotRead()
    {
        var result = Jsonl($"{{\"task\":\"ok\"}}\n{{\"task\":\"{new string('x', 200)}\"}}", new DatasetReadOptions { MaxLineLength = 100 });

        Assert.StartsWith("cases.jsonl:2: the line is 211 characters; the limit is 100.", Assert.Single(result.Errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseJsonl_MoreCasesThanTheLimit_StopsWithAnError()
    {
        var result = Jsonl(string.Join("\n", Enumerable.Repeat("""{"task":"t"}""", 5)), new DatasetReadOptions { MaxCases = 3 });

        Assert.Equal("cases.jsonl:4: more than 3 cases; split the data set.", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void ParseJsonl_ManyBadLines_StopsAtTheErrorLimitAndSaysWhere()
    {
        var result = Jsonl(string.Join("\n", Enumerable.Repeat("not json", 10)), new DatasetReadOptions { MaxErrors = 3 });

        Assert.Equal(4, result.Errors.Count);
        Assert.Equal("cases.jsonl:4: reading stopped here after 3 problems; fix those and run again.", result.Errors[^1].ToString());
    }

    [Fact]
    public void ParseJsonl_NoCases_IsAnError()
    {
        Assert.Equal("cases.jsonl: the data set has no cases; add one case per line (JSONL) or per row (CSV).", Assert.Single(Jsonl("\n  \n").Errors).ToString());
    }

    [Fact]
    public void ParseCsv_QuotedFieldsWithCommasQuotesAndNewlines_ReadCasesWithTheirStartLines()
    {
        var result = EvalDataset.ParseCsv(
            "id,task,tags,contains,max_steps,expect\r\n"
            + "a,\"drought, wheat\",topic|edge,wheat|yield,3,\n"
            + "b,\"line one\nline \"\"two\"\"\",,,,\"{\"\"status\"\":\"\"rejected\"\"}\"\n"
            + "c,,,,,\n",
            "cases.csv");

        Assert.True(result.IsValid, Errors(result));
        Assert.Equal(["cases.csv:2", "cases.csv:3", "cases.csv:5"], result.Cases.Select(c => c.Source));
        Assert.Equal("drought, wheat", result.Cases[0].Task);
        Assert.Equal(["topic", "edge"], result.Cases[0].Tags);
        Assert.Equal(["contains", "contains", "max_steps"], result.Cases[0].Expectations.Select(e => e.Kind));
        Assert.Equal("line one\nline \"two\"", result.Cases[1].Task);
        Assert.Equal(["rejected"], Assert.IsType<StatusExpectation>(Assert.Single(result.Cases[1].Expectations)).Allowed);
        Assert.Equal(string.Empty, result.Cases[2].Task);
    }

    [Fact]
    public void ParseCsv_UnclosedQuote_ReportsTheLineItStarts()
    {
        var result = EvalDataset.ParseCsv("id,task\na,ok\nb,\"never closed\nc,more\n", "cases.csv");

        Assert.Equal("cases.csv:3: a quoted field is not closed before the end of the file; add the closing double quote", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void ParseCsv_WrongFieldCountAndBadValues_AreReportedPerLine()
    {
        var result = EvalDataset.ParseCsv("id,task,max_steps\na,t,3\nb,t\nc,t,many\n", "cases.csv");

        Assert.Equal(
            ["cases.csv:3: 2 fields, but the header has 3 columns; quote fields that contain commas.", "cases.csv:4: expect.max_steps: expected a positive integer, found \"many\""],
            result.Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("task\n\"x\"y\n", "cases.csv:2: text after the closing quote of field 1; a quoted field ends at its closing quote")]
    [InlineData("task\nab\"c\n", "cases.csv:2: a quote inside an unquoted field (field 1); put the whole field in double quotes and double the quote (\"\")")]
    public void ParseCsv_MalformedQuotes_AreReportedWithTheirLine(string csv, string expected)
    {
        Assert.Equal(expected, Assert.Single(EvalDataset.ParseCsv(csv, "cases.csv").Errors).ToString());
    }

    [Fact]
    public void ParseCsv_UnknownOrMissingColumns_AreReportedOnTheHeaderLine()
    {
        var result = EvalDataset.ParseCsv("id,prompt\na,t\n", "cases.csv");

        Assert.Equal(
            ["cases.csv:1: unknown column 'prompt'; known columns: id, task, intent, description, constraints, tags, expect, status, contains, not_contains, regex, not_regex, judge, max_tokens, max_steps, contract, grounded", "cases.csv:1: there is no 'task' column; every case needs a task."],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ParseCsv_SameExpectationTwice_IsAConflict()
    {
        var result = EvalDataset.ParseCsv("task,max_steps,expect\nt,3,\"{\"\"max_steps\"\":4}\"\n", "cases.csv");

        Assert.Contains("expect.max_steps: set both in the 'expect' column and in its own column", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFileDirectoryAndEmptyFile_AreOneLineErrors()
    {
        using var folder = new TempFolder();
        var empty = folder.Write("empty.jsonl", string.Empty);

        Assert.Contains("does not exist", Assert.Single(EvalDataset.Load(Path.Combine(folder.Path, "nope.jsonl"), "nope.jsonl").Errors).Message, StringComparison.Ordinal);
        Assert.Contains("is a directory", Assert.Single(EvalDataset.Load(folder.Path, "dir").Errors).Message, StringComparison.Ordinal);
        Assert.Contains("is empty or is not a regular file", Assert.Single(EvalDataset.Load(empty, "empty.jsonl").Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DevZero_IsRefusedWithoutReading()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "/dev/zero exists only on Unix.");
        var watch = Stopwatch.StartNew();

        var result = EvalDataset.Load("/dev/zero");

        Assert.Equal("/dev/zero: /dev/zero is empty or is not a regular file (a device, FIFO or socket). Pass a regular file with content.", Assert.Single(result.Errors).ToString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Load_Fifo_IsRefusedWithoutOpeningIt()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && File.Exists("/usr/bin/mkfifo"), "mkfifo is needed to make a FIFO.");
        using var folder = new TempFolder();
        var fifo = Path.Combine(folder.Path, "cases.jsonl");
        using (var mkfifo = Process.Start("/usr/bin/mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // Opening a FIFO for reading blocks until a writer appears; the loader must not open it at all.
        // A hang would end in a TimeoutException, not block the test run.
        var result = await Task.Run(() => EvalDataset.Load(fifo, "cases.jsonl"), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Contains("is empty or is not a regular file", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileOverTheSizeLimit_IsRefusedBeforeReading()
    {
        using var folder = new TempFolder();
        var big = folder.Write("big.jsonl", string.Concat(Enumerable.Repeat("{\"task\":\"t\"}\n", 100)));

        var result = EvalDataset.Load(big, "big.jsonl", new DatasetReadOptions { MaxFileBytes = 100 });

        Assert.Equal("big.jsonl: big.jsonl is 1,300 bytes; the limit is 100. Split it into smaller files or raise the limit.", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Load_NotUtf8_IsRefused()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "latin1.jsonl");
        File.WriteAllBytes(path, [(byte)'{', (byte)'"', (byte)'t', 0xE9, 0xFF, (byte)'"', (byte)'}']);

        Assert.Contains("is not UTF-8 text", Assert.Single(EvalDataset.Load(path, "latin1.jsonl").Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Sample01_Has20CasesWithTheEdgeCases()
    {
        var result = EvalDataset.Load(Path.Combine(AppContext.BaseDirectory, "samples", "01-sequential", "eval", "cases.jsonl"), "cases.jsonl");
        var csv = EvalDataset.Load(Path.Combine(AppContext.BaseDirectory, "samples", "01-sequential", "eval", "cases.csv"), "cases.csv");

        Assert.True(result.IsValid, Errors(result));
        Assert.True(csv.IsValid, Errors(csv));
        Assert.Equal(20, result.Cases.Count);
        Assert.Contains(result.Cases, c => c.Task.Length == 0 && c.Expectations.OfType<StatusExpectation>().Single().Allowed.SequenceEqual(["rejected"]));
        Assert.Contains(result.Cases, c => c.Tags.Contains("injection") && c.Task.Contains("IGNORE ALL PREVIOUS INSTRUCTIONS", StringComparison.Ordinal));
        Assert.Contains(result.Cases, c => c.Tags.Contains("non-english") && c.Task.Any(ch => ch > 0x3000));
        Assert.Contains(result.Cases, c => c.Tags.Contains("long") && c.Task.Length > 5000);
    }

    /// <summary>A temporary folder deleted with its files.</summary>
    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("baton-eval-").FullName;

        public string Write(string name, string text)
        {
            var path = System.IO.Path.Combine(Path, name);
            File.WriteAllText(path, text);
            return path;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
