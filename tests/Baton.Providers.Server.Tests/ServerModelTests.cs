using System.Net.Http.Json;
using System.Text.Json;

namespace Baton.Providers.Server.Tests;

/// <summary>The model the server tests write: GPT-2's vocabulary, tokenised by llama.cpp exactly as GPT-2 does.</summary>
[Collection(OneServer.Name)]
public sealed class ServerModelTests(LlamaServerFixture server)
{
    [Fact]
    public void Gpt2Vocabulary_Load_RecoversEveryTokenAndAllFiftyThousandMerges()
    {
        var vocabulary = Gpt2Vocabulary.Load();

        Assert.Equal(50257, vocabulary.Tokens.Count);
        Assert.Equal(50000, vocabulary.Merges.Count);
        Assert.Equal("Ġ t", vocabulary.Merges[0]);
        Assert.Equal("Hello", vocabulary.Tokens[15496]);
    }

    [Fact]
    public async Task Tokenize_RealServer_SplitsTextAsGpt2Does()
    {
        server.RequireServer();
        using var http = new HttpClient();

        using var response = await http.PostAsJsonAsync(
            new Uri(server.Proxy.BaseUrl, "tokenize"), new { content = "Hello world, it's a test." }, TestContext.Current.CancellationToken);
        var tokens = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken))
            .GetProperty("tokens").EnumerateArray().Select(t => t.GetInt32()).ToArray();

        // GPT-2's ids for "Hello", " world", ",", " it", "'s", " a", " test", ".".
        Assert.Equal([15496, 995, 11, 340, 338, 257, 1332, 13], tokens);
    }
}
