using System.Text.RegularExpressions;
using Baton.Providers.Tests.Wire;
using Baton.Resilience;
using Baton.Tests.Snapshots;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Providers.Tests;

/// <summary>
/// The error classification of docs/providers.md, checked against the code: which HTTP answers
/// <c>UseBatonResilience</c> retries over the wire, and that the table lists the statuses the classifier knows.
/// </summary>
public sealed partial class ErrorClassificationTests
{
    private static readonly ChatMessage[] s_hello = [new(ChatRole.User, "hello")];

    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(520, true)]
    [InlineData(529, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(413, false)]
    [InlineData(422, false)]
    [InlineData(501, false)]
    [InlineData(505, false)]
    public async Task UseBatonResilience_ProviderAnswersStatus_RetriedOnlyWhenTransient(int status, bool retried)
    {
        await using var server = LoopbackServer.Start(_ => ServerReply.Error(status, OpenAIWire.Error("server_error", "something went wrong")));
        using var client = ChatClientFactory.Create("openai:gpt-test", new ProviderSettings { OpenAIBaseUrl = new Uri(server.BaseUrl, "v1"), GetEnvironmentVariable = _ => null })
            .AsBuilder().UseBatonResilience(o => { o.TimeProvider = new FakeTimeProvider(); o.MaxRetries = 1; o.BaseDelay = TimeSpan.Zero; o.UseJitter = false; }).Build();

        var ex = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetResponseAsync(s_hello, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(status, (int)ex.StatusCode!);
        Assert.Equal(retried, ex.IsTransient);
        Assert.Equal(retried ? 2 : 1, server.Requests.Count);
    }

    [Fact]
    public void IsTransient_EveryErrorStatus_SameAsTheResilienceClassifier()
    {
        for (var status = 400; status < 600; status++)
        {
            var ex = new ModelProviderException("openai", (System.Net.HttpStatusCode)status, "error", retryAfter: null);

            Assert.True(TransientErrorClassifier.IsTransientStatus(status) == ex.IsTransient, $"HTTP {status}");
            Assert.Equal(ex.IsTransient, TransientErrorClassifier.IsTransient(ex));
        }
    }

    [Fact]
    public void ProvidersDoc_ClassificationTable_ListsStatusesAsTheClassifierTreatsThem()
    {
        var doc = File.ReadAllText(Path.Combine(Snapshot.RepositoryRoot(), "docs", "providers.md"));
        var section = doc[doc.IndexOf("## Error classification", StringComparison.Ordinal)..];
        var rows = section.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Select(l => l.Split('|').Select(c => c.Trim()).ToArray()).ToList();

        var checkedStatuses = 0;
        foreach (var cells in rows)
        {
            // Cells: "", what the provider answered, surfaces as, UseBatonResilience, the agent turn, "".
            var statuses = Status().Matches(cells[1]).Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            if (statuses.Count == 0 || cells[1].Contains("format", StringComparison.Ordinal))
            {
                continue;
            }

            var retried = cells[3].StartsWith("retried", StringComparison.Ordinal);
            Assert.True(retried || cells[3].StartsWith("not retried", StringComparison.Ordinal), $"unclear row: {string.Join(" | ", cells)}");
            Assert.All(statuses, s => Assert.True(TransientErrorClassifier.IsTransientStatus(s) == retried, $"docs/providers.md says HTTP {s} is {(retried ? string.Empty : "not ")}retried"));
            checkedStatuses += statuses.Count;
        }

        Assert.True(checkedStatuses >= 15, $"only {checkedStatuses} statuses found in the table");
    }

    [GeneratedRegex(@"\b[45]\d\d\b")]
    private static partial Regex Status();
}
