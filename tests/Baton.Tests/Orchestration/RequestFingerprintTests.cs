using Baton.Orchestration;
using Microsoft.Extensions.AI;

namespace Baton.Tests.Orchestration;

public class RequestFingerprintTests
{
    // The expected hashes are SHA-256 of the documented byte layout, computed independently of Baton: recorded
    // journals hold these hashes, so a change here would make every recorded run fail to resume.
    [Fact]
    public void Compute_MessagesOnly_MatchesPinnedHash()
    {
        ChatMessage[] messages = [new(ChatRole.System, "Be brief."), new(ChatRole.User, "Hello")];

        var hash = RequestFingerprint.Compute(messages, options: null);

        Assert.Equal("2f3849f8e9119052e933dcb7d455d9716a245b66ea6f28bafa3a979a94188d43", hash);
    }

    [Fact]
    public void Compute_WithOptions_MatchesPinnedHash()
    {
        List<ChatMessage> messages = [new(ChatRole.System, "Be brief."), new(ChatRole.User, "Hello")];
        var options = new ChatOptions { ModelId = "model-x", Temperature = 0.5f, MaxOutputTokens = 256, ResponseFormat = ChatResponseFormat.Text };

        var hash = RequestFingerprint.Compute(messages, options);

        Assert.Equal("78aa8d6641a15f3728eaa3acaca85252b23791479579ed086f02f0763e573158", hash);
    }

    [Fact]
    public void Compute_LongNonAsciiMessageAsLazySequence_MatchesPinnedHash()
    {
        var text = new string('x', 5000) + new string('é', 300) + string.Concat(Enumerable.Repeat("😀", 50));

        var hash = RequestFingerprint.Compute(Enumerable.Repeat(new ChatMessage(ChatRole.User, text), 1), options: null);

        Assert.Equal("73c580a1bc50aeed859123339f95b59e4caa00e857bf3b52bad1864c5acca97b", hash);
    }
}
