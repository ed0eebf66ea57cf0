using Microsoft.Extensions.AI;

namespace Baton.Testing.Tests;

public class ScriptedChatClientTests
{
    [Fact]
    public async Task GetResponseAsync_ScriptedReplies_AnswersInOrderAndRecordsRequests()
    {
        var client = new ScriptedChatClient("first", "second");

        var a = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "one")]);
        var b = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "two")]);

        Assert.Equal("first", a.Text);
        Assert.Equal("second", b.Text);
        Assert.Equal(["one", "two"], client.Requests.Select(r => r.LastUserText));
        Assert.Equal(2, client.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_ScriptRunsOut_ThrowsWithRequestNumberAndHint()
    {
        var client = new ScriptedChatClient("only") { Name = "writer-model" };
        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "x")]);

        var ex = await Assert.ThrowsAsync<ScriptExhaustedException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "y")]));

        Assert.Contains("'writer-model'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("request #2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Then(", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, client.CallCount);
    }

    [Fact]
    public async Task GetResponseAsync_Callback_ComputesReplyFromRequest()
    {
        var client = new ScriptedChatClient(request => "echo: " + request.LastUserText);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.System, "sys"), new ChatMessage(ChatRole.User, "hello")]);

        Assert.Equal("echo: hello", response.Text);
        Assert.Equal("sys", client.Requests[0].SystemText);
    }

    [Fact]
    public async Task GetResponseAsync_ThenThrow_ThrowsScriptedException()
    {
        var client = new ScriptedChatClient().ThenThrow(new HttpRequestException("boom"));

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "x")]));

        Assert.Equal("boom", ex.Message);
    }

    [Fact]
    public async Task GetResponseAsync_ReportUsage_EstimatesTokensDeterministically()
    {
        var client = new ScriptedChatClient("12345678");

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "abcd")]);

        Assert.Equal(1, response.Usage!.InputTokenCount);
        Assert.Equal(2, response.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task PerAgent_RepliesByRoleSection_AndFailsForUnscriptedAgent()
    {
        var client = ScriptedChatClient.PerAgent(new Dictionary<string, IReadOnlyList<string>> { ["writer"] = ["draft"] });

        var ok = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "## Task\nx\n\n## Your role\nwriter\n")]);
        var ex = await Assert.ThrowsAsync<ScriptExhaustedException>(() =>
            client.GetResponseAsync([new ChatMessage(ChatRole.User, "## Your role\neditor\n")]));

        Assert.Equal("draft", ok.Text);
        Assert.Contains("'editor'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_YieldsScriptedReply()
    {
        var client = new ScriptedChatClient("streamed");
        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "x")]))
        {
            text += update.Text;
        }

        Assert.Equal("streamed", text);
    }
}
