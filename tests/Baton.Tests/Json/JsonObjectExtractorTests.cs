using System.Text.Json;

namespace Baton.Tests.Json;

public sealed class JsonObjectExtractorTests
{
    [Theory]
    [InlineData("""{"a": 1}""")]
    [InlineData("Sure:\n```json\n{\"a\": 1}\n```")]
    [InlineData("Sure:\n```\n{\"a\": 1}\n```\nDone.")]
    [InlineData("The answer is {\"a\": 1}.")]
    [InlineData("{\"a\": 1} and again {\"a\":1}")]
    [InlineData("{} then {\"a\": 1}")]
    [InlineData("```json\n{\"a\": 1}\n```\nwhich is {\"a\": 1}")]
    public void Extract_OneDistinctObject_IsFound(string reply)
    {
        var found = JsonObjectExtractor.Extract(reply);

        Assert.Equal(JsonExtractionStatus.Found, found.Status);
        Assert.Equal(1, found.Value.GetProperty("a").GetInt32());
    }

    [Theory]
    [InlineData("{\"a\": 1} {\"a\": 2}")]
    [InlineData("```json\n{\"a\": 1}\n```\n```json\n{\"a\": 2}\n```")]
    [InlineData("```json\n{\"a\": 1}\n```\nno wait: {\"a\": 2}")]
    [InlineData("{\"a\": 1} then\n```\n{\"b\": 1}\n```")]
    public void Extract_TwoDifferentObjects_IsAmbiguous(string reply)
    {
        Assert.Equal(JsonExtractionStatus.Ambiguous, JsonObjectExtractor.Extract(reply).Status);
    }

    [Fact]
    public void Extract_FencedArrayOfObjects_IsOneCandidateWhenArraysAreAllowed()
    {
        var found = JsonObjectExtractor.Extract("Here:\n```json\n[{\"a\": 1}, {\"a\": 2}]\n```", includeArray: true);

        Assert.Equal(JsonExtractionStatus.Found, found.Status);
        Assert.Equal(JsonValueKind.Array, found.Value.ValueKind);
    }

    [Fact]
    public void Extract_ObjectsInsideAFencedArray_AreNotSearchedForAnObject()
    {
        Assert.Equal(JsonExtractionStatus.WrongKind, JsonObjectExtractor.Extract("```json\n[{\"a\": 1}, {\"a\": 2}]\n```").Status);
    }

    [Theory]
    [InlineData("no json here")]
    [InlineData("{not json}")]
    [InlineData("{\"a\": 1")]
    [InlineData("```json\n{\"a\": \n```")]
    public void Extract_NoObject_IsNoJson(string reply)
    {
        Assert.Equal(JsonExtractionStatus.NoJson, JsonObjectExtractor.Extract(reply).Status);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"text\"")]
    [InlineData("```json\n42\n```")]
    public void Extract_JsonThatIsNotAnObject_IsWrongKind(string reply)
    {
        Assert.Equal(JsonExtractionStatus.WrongKind, JsonObjectExtractor.Extract(reply).Status);
    }

    [Theory]
    [InlineData("{\"a\": \"\\ud83d\"}", "'/a'")]
    [InlineData("{\"\\udc00\": 1}", "'/\\udc00'")]
    [InlineData("{\"a\": [\"ok\", \"\\ud83d\\ud83d\"]}", "'/a/1'")]
    public void Extract_LoneSurrogateEscape_IsInvalidTextWithItsPath(string reply, string where)
    {
        var found = JsonObjectExtractor.Extract(reply);

        Assert.Equal(JsonExtractionStatus.InvalidText, found.Status);
        Assert.Equal(where, found.Detail);
    }

    [Fact]
    public void Extract_ValidSurrogatePairEscape_IsFound()
    {
        Assert.Equal("\ud83d\ude00", JsonObjectExtractor.Extract("{\"a\": \"\\ud83d\\ude00\"}").Value.GetProperty("a").GetString());
    }

    [Fact]
    public void Extract_RawLoneSurrogate_IsInvalidTextWithItsPosition()
    {
        var found = JsonObjectExtractor.Extract("{\"a\": \"x\ud83d\"}");

        Assert.Equal(JsonExtractionStatus.InvalidText, found.Status);
        Assert.Equal("character 9", found.Detail);
    }

    [Fact]
    public void Extract_NestingBeyondSixtyFourLevels_IsNotAnObject()
    {
        var deep = new string('[', 100) + new string(']', 100);

        Assert.Equal(JsonExtractionStatus.NoJson, JsonObjectExtractor.Extract("{\"a\": " + deep + "}").Status);
    }

    [Fact]
    public void Extract_ManyUnclosedOpenings_IsBoundedWork()
    {
        var reply = string.Concat(Enumerable.Repeat("{\"k\": {\"k\": [1, 2, ", 30_000));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(JsonExtractionStatus.NoJson, JsonObjectExtractor.Extract(reply).Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }
}
