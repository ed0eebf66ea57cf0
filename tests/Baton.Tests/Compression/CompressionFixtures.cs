using System.Collections.Immutable;
using System.Text.Json;
using Baton.Agents;
using Baton.Compression;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Tests.Compression;

internal static class CompressionFixtures
{
    public static HandoffOutput Output(string name, int step, string text) => new()
    {
        Name = name,
        Value = JsonSerializer.SerializeToElement(text),
        ProducedBy = $"agent{step}",
        Step = step,
        Timestamp = DateTimeOffset.UnixEpoch,
    };

    public static ContextCompressionRequest Request(AgentView view, int budget, ImmutableArray<string>? reads = null) => new()
    {
        Agent = new Agent("reader", new ScriptedChatClient()) { Instructions = "You read." },
        Step = 1,
        View = view,
        Budget = budget,
        TokenCounter = TiktokenTokenCounter.Default,
        Reads = reads,
    };

    public static string Words(int count, int seed)
    {
        var words = new[] { "wheat", "yield", "drought", "rainfall", "soil", "nitrogen", "harvest", "climate", "model", "region", "2023", "percent" };
        return string.Join(' ', Enumerable.Range(0, count).Select(i => words[(i * 7 + seed) % words.Length]));
    }
}
