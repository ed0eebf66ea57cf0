using System.Text;
using System.Text.Json;

namespace Baton.Tests.Json;

/// <summary>JsonText never throws on a value holding an escaped lone surrogate (for example one read back from a tampered journal).</summary>
public sealed class JsonTextInvalidTextTests
{
    private static readonly JsonElement s_lone = Parse("\"a\\ud83db\"");
    private static readonly JsonElement s_object = Parse("{\"k\": \"\\udc00\", \"n\": 1}");

    [Fact]
    public void Append_StringWithLoneSurrogateEscape_AppendsItsEscapedText()
    {
        var builder = new StringBuilder();

        JsonText.Append(builder, s_lone);

        Assert.Equal("a\\ud83db", builder.ToString());
        Assert.Equal(builder.Length, JsonText.Length(s_lone));
    }

    [Fact]
    public void Canonical_ObjectWithLoneSurrogateEscape_FallsBackToItsSourceText()
    {
        Assert.Equal("{\"k\": \"\\udc00\", \"n\": 1}", JsonText.Canonical(s_object));
    }

    [Fact]
    public void TryFindInvalidText_FindsThePathOrNothing()
    {
        Assert.True(JsonText.TryFindInvalidText(s_object, out var path));
        Assert.Equal("/k", path);
        Assert.False(JsonText.TryFindInvalidText(Parse("{\"a/b\": [\"\\ud83d\\ude00\"]}"), out _));
    }

    [Theory]
    [InlineData("abc", -1)]
    [InlineData("\ud83d\ude00", -1)]
    [InlineData("a{HI}", 1)]
    [InlineData("{LO}a", 0)]
    [InlineData("{HI}\ud83d\ude00", 0)]
    public void IndexOfLoneSurrogate_FindsTheFirst(string text, int expected)
    {
        Assert.Equal(expected, JsonText.IndexOfLoneSurrogate(Lone.Surrogates(text)));
    }

    [Fact]
    public void Clip_NeverSplitsASurrogatePair()
    {
        var clipped = JsonText.Clip(new string('x', 6) + "\ud83d\ude00" + "yyyy", 10);

        Assert.Equal("xxxxxx...", clipped);
        Assert.Equal(-1, JsonText.IndexOfLoneSurrogate(clipped));
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
