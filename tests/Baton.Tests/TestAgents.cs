using Baton.Agents;
using Baton.Orchestration;
using Baton.Testing;

namespace Baton.Tests;

/// <summary>Builders for the research -> writer -> editor chain used across tests.</summary>
internal static class TestAgents
{
    public static (SequentialPipeline Pipeline, ScriptedChatClient Client) Chain(params string[] names)
    {
        var replies = names.ToDictionary(n => n, n => (IReadOnlyList<string>)[$"output of {n}"]);
        var client = ScriptedChatClient.PerAgent(replies);
        var steps = names.Select(n => (Baton.Orchestration.Orchestration)new Agent(n, client) { Instructions = $"You are {n}." }).ToArray();
        return (Pipeline.Sequential("chain", steps), client);
    }
}
