using System.Text.Json;
using Baton.Agents;

namespace Baton.Tests.Agents;

public sealed class AgentOutputParserTests
{
    [Theory]
    [InlineData("{\"a\": 1}", JsonValueKind.Object)]
    [InlineData("[1, 2]", JsonValueKind.Array)]
    [InlineData("Here:\n```json\n[1, 2]\n```", JsonValueKind.Array)]
    [InlineData("See [1]. Result: {\"a\": 1}", JsonValueKind.Object)]
    [InlineData("The list [1, 2] is the answer", JsonValueKind.Array)]
    public void TryParse_Json_ReadsOneValue(string reply, JsonValueKind kind)
    {
        Assert.True(AgentOutputParser.TryParse(reply, AgentOutputFormat.Json, out var value, out var error), error);
        Assert.Equal(kind, value.ValueKind);
    }

    [Theory]
    [InlineData("{\"a\": 1} or maybe {\"a\": 2}", "more than one different JSON value")]
    [InlineData("{\"a\": \"\\ud83d\"}", "not valid Unicode")]
    [InlineData("{\"a\": \"{HI}\"}", "not valid Unicode")]
    [InlineData("nothing", "no valid JSON value")]
    [InlineData("", "empty")]
    public void TryParse_Json_UnusableReply_SaysWhy(string reply, string expected)
    {
        Assert.False(AgentOutputParser.TryParse(Baton.Tests.Json.Lone.Surrogates(reply), AgentOutputFormat.Json, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TextWithRawLoneSurrogate_KeepsTheTextWithAReplacementCharacter()
    {
        Assert.True(AgentOutputParser.TryParse("fine \ud83d text", AgentOutputFormat.Text, out var value, out _));
        Assert.Equal("fine \uFFFD text", value.GetString());
    }

    [Fact]
    public void TryParse_TextWithSurrogatePair_IsKept()
    {
        Assert.True(AgentOutputParser.TryParse("smile \ud83d\ude00", AgentOutputFormat.Text, out var value, out _));
        Assert.Equal("smile \ud83d\ude00", value.GetString());
    }
}
