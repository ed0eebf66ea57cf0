using System.Security.Cryptography;
using System.Text;

namespace Baton.Orleans;

/// <summary>
/// A hash of what a code orchestration is made of: its type, name, outputs and each agent's name, instructions (or, for
/// a person, the question, who is asked and the timeout), reads, output, contract and fallback.
/// </summary>
internal static class OrchestrationFingerprint
{
    public static string Compute(Orchestration.Orchestration orchestration)
    {
        var text = new StringBuilder()
            .Append(orchestration.GetType().FullName).Append('\n')
            .Append(orchestration.Name).Append('\n')
            .AppendJoin(',', orchestration.Inputs).Append('\n')
            .AppendJoin(',', orchestration.Outputs).Append('\n')
            .Append(orchestration.ResultOutput).Append('\n');
        foreach (var agent in orchestration.Agents)
        {
            text.Append("agent ").Append(agent.Name).Append('\n')
                .Append(agent.Instructions).Append('\n')
                .AppendJoin(',', agent.Reads ?? []).Append('\n')
                .Append(agent.OutputName).Append(' ').Append(agent.OutputFormat).Append('\n')
                .Append(agent.Contract?.Schema.GetRawText()).Append('\n')
                .Append(agent.Fallback?.ToString()).Append('\n');
            if (agent.Human is { } human)
            {
                text.Append("person ").Append(human.Question).Append('\n')
                    .Append(human.Assignee).Append(' ').Append(human.Timeout?.ToString()).Append('\n');
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
