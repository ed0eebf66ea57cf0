using System.Diagnostics;
using System.Text;

namespace Baton.Specs.Tests;

/// <summary>Hostile and careless specs (issue 11): each is one located diagnostic, never an exception or a hang.</summary>
public sealed class SpecBadInputTests
{
    private const string Tail = "agents:\n  a: {}\nflow: a\n";

    [Fact]
    public void Parse_RecursiveAlias_IsReportedAtTheAlias()
    {
        var error = SingleError("a: &x [1, *x]\n");

        Assert.Equal("spec.yaml:1:11", error.Location.ToString());
        Assert.Contains("recursive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RecursiveAliasInMapping_IsReported()
    {
        Assert.Contains("recursive", SingleError("a: &x { b: *x }\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AliasBomb_IsRejectedQuicklyByTheNodeBudget()
    {
        // Nine levels of ten aliases: 10^9 nodes when expanded, in a few hundred characters (the issue's 675-char spec took 115 s).
        var yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
        {
            yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        var error = SingleError(yaml.ToString());

        Assert.Contains("more than 100,000 nodes", error.Message, StringComparison.Ordinal);
        Assert.True(error.Location.Line > 1);
    }

    [Fact]
    public void Parse_AliasesWithinTheBudget_AreExpanded()
    {
        var result = SpecText.Load("""
            agents:
              a: &common { instructions: Be brief. }
              b: *common
            flow:
              sequential: [a, b]
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("Be brief.", result.Spec!.FindAgent("b")!.Instructions);
    }

    [Theory]
    [InlineData('[', ']')]
    [InlineData('{', '}')]
    public void Parse_HundredThousandNestingLevels_IsADepthError(char open, char close)
    {
        var yaml = "x: " + new string(open, 100_000) + new string(close, 100_000) + "\n";

        var error = SingleError(yaml);

        Assert.Contains("more than 64 levels", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Location.Line);
    }

    [Fact]
    public void Parse_TenThousandNestedFlows_IsADepthError()
    {
        var yaml = new StringBuilder(Tail.Replace("flow: a\n", string.Empty, StringComparison.Ordinal)).Append("flow: ");
        for (var i = 0; i < 10_000; i++)
        {
            yaml.Append("{sequential: [");
        }

        yaml.Append('a').Append(string.Concat(Enumerable.Repeat("]}", 10_000))).Append('\n');

        Assert.Contains("more than 64 levels", SingleError(yaml.ToString()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeepButAllowedFlowNesting_IsValid()
    {
        var yaml = "agents:\n  a: {}\nflow: " + string.Concat(Enumerable.Repeat("{sequential: [", 20)) + "a" + string.Concat(Enumerable.Repeat("]}", 20)) + "\n";

        Assert.Empty(Load(yaml).Diagnostics);
    }

    [Theory]
    [InlineData("? [a, b]\n: c\n" + Tail, 1, 3)]
    [InlineData("agents:\n  ? [a, b]\n  : {}\nflow: a\n", 2, 5)]
    [InlineData("agents:\n  a:\n    output:\n      schema:\n        ? [k]\n        : 1\nflow: a\n", 5, 11)]
    public void Parse_ComplexKey_IsALocatedError(string yaml, int line, int column)
    {
        var errors = Load(yaml).Diagnostics;

        Assert.Contains(errors, e => e.Location.Line == line && e.Location.Column == column && e.Message.Contains("not a list", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("name: x\n:\n" + Tail)]
    [InlineData(":\n")]
    [InlineData("agents:\n  :\nflow: a\n")]
    [InlineData("agents:\n  a:\n    :\nflow: a\n")]
    public void Parse_LineWithOnlyAColon_IsALocatedError(string yaml)
    {
        var result = Load(yaml);

        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.True(d.Location.Line >= 1));
    }

    [Theory]
    [InlineData("name: \"\\ud83d\"\n")]
    [InlineData("name: \"\\udc00x\"\n")]
    [InlineData("name: \"\\U0000d83d\"\n")]
    public void Parse_SurrogateEscape_SaysHowToWriteTheCharacter(string yaml)
    {
        var error = SingleError(yaml + Tail);

        Assert.Equal("spec.yaml:1:7", error.Location.ToString());
        Assert.Contains("surrogate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RawLoneSurrogateInText_IsLocated()
    {
        var error = SingleError("name: ok\ntask: a\ud83d b\n" + Tail);

        Assert.Equal("spec.yaml:2:8", error.Location.ToString());
    }

    [Theory]
    [InlineData("99999999999999999999h")]
    [InlineData("9999999999h")]
    [InlineData("10675199d")]
    [InlineData("106751991167301s")]
    [InlineData("721h")]
    [InlineData("0s")]
    [InlineData("1h-1m")]
    [InlineData("99999999999999999999999999999999999999")]
    public void Parse_DeadlineOutOfRange_IsALocatedError(string deadline)
    {
        var error = SingleError($"limits:\n  deadline: {deadline}\n" + Tail);

        Assert.Equal("spec.yaml:2:13", error.Location.ToString());
        Assert.Contains("between 1s and 720h", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TabIndentation_PointsAtTheTabWithAFix()
    {
        var error = SingleError("agents:\n  a:\n\t  instructions: x\nflow: a\n");

        Assert.Equal("spec.yaml:3:1", error.Location.ToString());
        Assert.Contains("spaces only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateKey_IsLocatedWithAFix()
    {
        var error = SingleError("name: a\nname: b\n" + Tail);

        Assert.Equal(2, error.Location.Line);
        Assert.Contains("'name' appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateAgent_IsLocated()
    {
        var error = SingleError("agents:\n  a: {}\n  a: {}\nflow: a\n");

        Assert.Equal(3, error.Location.Line);
        Assert.Contains("'a' appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TwoDocuments_IsAnError()
    {
        Assert.Contains("more than one YAML document", SingleError(Tail + "---\nname: other\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UndefinedAlias_IsLocated()
    {
        var error = SingleError("name: *nope\n" + Tail);

        Assert.Equal("spec.yaml:1:7", error.Location.ToString());
        Assert.Contains("'*nope' names no anchor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NumberTooLargeForJsonInSchema_IsLocated()
    {
        var errors = Load("agents:\n  a:\n    output:\n      schema: { type: number, maximum: 1e999 }\nflow: a\n").Diagnostics;

        Assert.Contains(errors, e => e.Location.Line == 4 && e.Message.Contains("too large for JSON", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_HugeNameWithTypo_AnswersQuickly()
    {
        // "Did you mean" was quadratic in the name's length: 41 s for a 120k-character name.
        var name = new string('a', 120_000);
        var yaml = $"agents:\n  {name}b: {{}}\nflow: {name}c\n";

        var result = Load(yaml);

        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.True(d.Message.Length < 400, "messages quote long values clipped"));
    }

    [Fact]
    public void Parse_TooManyProblems_ListsTheFirstHundredAndCountsTheRest()
    {
        var yaml = new StringBuilder("agents:\n  a:\n");
        for (var i = 0; i < 150; i++)
        {
            yaml.Append($"    bad{i}: 1\n");
        }

        var errors = Load(yaml.Append("flow: a\n").ToString()).Diagnostics;

        Assert.Equal(101, errors.Count);
        Assert.Contains("and 50 more problems", errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TextLargerThanTheLimit_IsRejected()
    {
        var yaml = "task: " + new string('x', SpecLoader.MaxSpecBytes) + "\n" + Tail;

        Assert.Contains("more than the 1,048,576-byte limit", SingleError(yaml).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_Directory_SaysItIsADirectory()
    {
        var folder = Directory.CreateTempSubdirectory("baton-spec-dir-");
        try
        {
            var error = Assert.Single(Bounded.Run(() => SpecLoader.LoadFile(folder.FullName, "specs")).Diagnostics);

            Assert.Equal("specs:1:1: The spec file 'specs' is a directory, not a file; name a file inside it.", error.ToString());
        }
        finally
        {
            folder.Delete();
        }
    }

    [Fact]
    public void LoadFile_DevZero_IsRefusedWithoutReading()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "needs /dev/zero");

        var error = Assert.Single(Bounded.Run(() => SpecLoader.LoadFile("/dev/zero")).Diagnostics);

        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_Fifo_IsRefusedWithoutOpeningIt()
    {
        using var folder = new TempFolder();
        var fifo = folder.Fifo("spec.yaml");
        Assert.SkipWhen(fifo is null, "needs mkfifo");

        var error = Assert.Single(Bounded.Run(() => SpecLoader.LoadFile(fifo!)).Diagnostics);

        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_FileLargerThanTheLimit_IsRefusedWithoutReading()
    {
        using var folder = new TempFolder();
        var path = folder.Write("big.yaml", new string('#', SpecLoader.MaxSpecBytes + 1));

        Assert.Contains("larger than the 1,048,576-byte limit", Assert.Single(SpecLoader.LoadFile(path).Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_SymlinkToDevZero_IsRefused()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "needs /dev/zero");
        using var folder = new TempFolder();
        var link = Path.Combine(folder.Path, "spec.yaml");
        File.CreateSymbolicLink(link, "/dev/zero");

        Assert.Contains("not a regular file", Assert.Single(Bounded.Run(() => SpecLoader.LoadFile(link)).Diagnostics).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("FIFO")]
    [InlineData("DIR")]
    public void Parse_SchemaPathThatIsNotARegularFile_IsALocatedError(string target)
    {
        using var folder = new TempFolder();
        var path = target switch
        {
            "FIFO" => folder.Fifo("schema.json"),
            "DIR" => Directory.CreateDirectory(Path.Combine(folder.Path, "schema.json")).FullName,
            _ => File.Exists(target) ? target : null,
        };
        Assert.SkipWhen(path is null, "needs the special file");

        var errors = Bounded.Run(() => SpecText.Errors($"agents:\n  a:\n    output:\n      schema: {path}\nflow: a\n", folder.Path));

        var error = Assert.Single(errors);
        Assert.StartsWith("spec.yaml:4:15: Schema file", error, StringComparison.Ordinal);
        Assert.Matches("not a regular file|is a directory", error);
    }

    private static SpecLoadResult Load(string yaml) => Bounded.Run(() => SpecText.Load(yaml));

    private static SpecDiagnostic SingleError(string yaml)
    {
        var result = Load(yaml);
        Assert.Null(result.Spec);
        return Assert.Single(result.Diagnostics);
    }
}
