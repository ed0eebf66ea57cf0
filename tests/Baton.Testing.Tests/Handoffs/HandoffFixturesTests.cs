namespace Baton.Testing.Tests.Handoffs;

public class HandoffFixturesTests
{
    [Fact]
    public void LoadDirectory_ValidFiles_ReadsEveryFixtureInFileNameOrder()
    {
        using var dir = new FixtureDirectory();
        dir.Write("b.json", """{ "task": "t2", "outputs": { "research": { "facts": ["f"] } } }""");
        dir.Write("a.json", """
            {
              // comments are allowed
              "name": "first", "task": "t1", "intent": "i", "constraints": ["c1"], "from": "researcher",
              "outputs": { "research": "text output" },
              "expect": { "status": "completed", "contains": ["x"], "not_contains": ["y"], "output": { "k": 1 } }
            }
            """);
        dir.Write("ignored.txt", "not a fixture");

        var fixtures = HandoffFixtures.LoadDirectory(dir.Path);

        Assert.Equal(["first", "b"], fixtures.Select(f => f.Name));
        var first = fixtures[0];
        Assert.Equal("i", first.Intent);
        Assert.Equal(["c1"], first.Constraints);
        Assert.Equal("researcher", first.From);
        Assert.Equal("text output", first.Outputs["research"].GetString());
        Assert.Equal(["x"], first.Expect!.Contains);
        Assert.Equal(["y"], first.Expect.NotContains);
        Assert.Equal(1, first.Expect.Output!.Value.GetProperty("k").GetInt32());
        Assert.EndsWith("a.json", first.Source, StringComparison.Ordinal);
        Assert.Equal("upstream", fixtures[1].From);
        Assert.Null(fixtures[1].Expect);
    }

    [Theory]
    [InlineData("""{ "task": "t", "outputs": [] }""", "$.outputs", "expected an object, found an array")]
    [InlineData("""{ "task": "t", "constraints": ["ok", 3] }""", "$.constraints[1]", "expected a string, found a number")]
    [InlineData("""{ "task": "t", "expct": {} }""", "$.expct", "unknown property 'expct'")]
    [InlineData("""{ "name": "n" }""", "$.task", "has no task")]
    [InlineData("""{ "task": 5 }""", "$.task", "expected a string")]
    [InlineData("""{ "task": "t", "expect": { "status": "done" } }""", "$.expect.status", "'done' is not a run status")]
    [InlineData("""{ "task": "t", "expect": { "contain": ["x"] } }""", "$.expect.contain", "unknown property 'contain'")]
    [InlineData("""[1, 2]""", "$", "a fixture is one JSON object")]
    public void LoadFile_InvalidFixture_NamesFileAndJsonPath(string json, string path, string problem)
    {
        using var dir = new FixtureDirectory();
        var file = dir.Write("broken.json", json);

        var ex = Assert.Throws<HandoffFixtureException>(() => HandoffFixtures.LoadFile(file));

        Assert.Equal(file, ex.File);
        Assert.Equal(path, ex.JsonPath);
        Assert.Contains("broken.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_SyntaxError_NamesFileAndLine()
    {
        using var dir = new FixtureDirectory();
        var file = dir.Write("syntax.json", "{\n  \"task\": \"t\",\n  \"outputs\": { \"research\": { \"a\": } }\n}");

        var ex = Assert.Throws<HandoffFixtureException>(() => HandoffFixtures.LoadFile(file));

        Assert.Contains("syntax.json", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("line 3", ex.JsonPath, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDirectory_DuplicateNames_NamesBothFiles()
    {
        using var dir = new FixtureDirectory();
        dir.Write("one.json", """{ "name": "same", "task": "t" }""");
        dir.Write("two.json", """{ "name": "same", "task": "t" }""");

        var ex = Assert.Throws<HandoffFixtureException>(() => HandoffFixtures.LoadDirectory(dir.Path));

        Assert.Contains("one.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("two.json", ex.Message, StringComparison.Ordinal);
        Assert.Equal("$.name", ex.JsonPath);
    }

    [Fact]
    public void LoadDirectory_MissingOrEmpty_SaysWhatToDo()
    {
        using var dir = new FixtureDirectory();

        var empty = Assert.Throws<HandoffFixtureException>(() => HandoffFixtures.LoadDirectory(dir.Path));
        var missing = Assert.Throws<HandoffFixtureException>(() => HandoffFixtures.LoadDirectory(Path.Combine(dir.Path, "nope")));

        Assert.Contains("has no *.json files", empty.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
    }
}
