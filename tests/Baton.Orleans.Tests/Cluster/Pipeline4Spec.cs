namespace Baton.Orleans.Tests.Cluster;

/// <summary>The 4-step pipeline the cluster tests and benchmark run: each agent names itself (<c>AGENT=…</c>) so the fake model server can count requests per step.</summary>
/// <remarks>Shared by the cluster tests and the cluster benchmark (linked as source).</remarks>
internal static class Pipeline4Spec
{
    public const string Name = "pipeline4";

    public static readonly string[] Agents = ["s1", "s2", "s3", "s4"];

    public const string Yaml = """
        name: pipeline4
        model: openai:fake
        limits:
          max_steps: 10
          deadline: none
        agents:
          s1:
            instructions: AGENT=s1 Summarise the task in one line.
            writes: o1
          s2:
            instructions: AGENT=s2 Expand the summary.
            reads: [o1]
            writes: o2
          s3:
            instructions: AGENT=s3 Check the expansion.
            reads: [o2]
            writes: o3
          s4:
            instructions: AGENT=s4 Write the final answer.
            reads: [o3]
            writes: o4
        flow:
          sequential: [s1, s2, s3, s4]
        """;
}
