namespace Baton.Orleans.Tests.Cluster;

/// <summary>
/// The people-in-the-loop orchestrations the test silos register in code (<c>Baton.Orleans.TestSilo</c>'s
/// <c>DeskOrchestrations</c>): <c>desk</c> asks a lead for a JSON decision then an agent replies, <c>desk-due</c> asks
/// with a two-second timeout whose fallback answers, <c>desk@v2</c> is <c>desk</c> with another question.
/// </summary>
internal static class DeskSpec
{
    public const string Name = "desk";

    public const string DueName = "desk-due";

    public const string OtherVersion = "desk@v2";

    public const string Question = "Decide the resolution for this case.";

    public static ClusterRunRequest Request(string key, string orchestration = Name) => new()
    {
        RunId = $"run-{key}",
        Orchestration = orchestration,
        Task = $"Customer RUNKEY-{key} was charged twice.",
        Limits = new Guards.RunLimits { MaxSteps = 10, Deadline = null },
    };
}
