using System.Reflection;
using Baton.Orchestration;
using Baton.Testing;
using Baton.Tests.Snapshots;

namespace Baton.Tests.PublicApi;

/// <summary>
/// The public API of each package is tracked in a text file beside this test, so every API change is deliberate
/// and visible in review. To accept a change: <c>BATON_UPDATE_API=1 dotnet test --project tests/Baton.Tests</c>.
/// </summary>
public class PublicApiTests
{
    public static TheoryData<string> Packages => ["Baton", "Baton.Testing"];

    [Theory]
    [MemberData(nameof(Packages))]
    public void PublicApi_Package_MatchesCheckedInSnapshot(string package)
    {
        var assembly = package switch
        {
            "Baton" => typeof(HandoffRunner).Assembly,
            "Baton.Testing" => typeof(ScriptedChatClient).Assembly,
            _ => throw new ArgumentOutOfRangeException(nameof(package), package, "Unknown package."),
        };

        Snapshot.Verify($"tests/Baton.Tests/PublicApi/{package}.api.txt", PublicApiText.Write(assembly), "BATON_UPDATE_API", $"The public API of {package}");
    }

    [Fact]
    public void PublicApiText_SameAssemblyTwice_IsIdentical()
    {
        var assembly = typeof(HandoffRunner).Assembly;

        Assert.Equal(PublicApiText.Write(assembly), PublicApiText.Write(assembly));
    }

    [Fact]
    public void PublicApiText_Baton_ShowsSignaturesWithNullabilityAndDefaults()
    {
        var text = PublicApiText.Write(typeof(HandoffRunner).Assembly);

        Assert.Contains("public sealed class Baton.Orchestration.HandoffRunner\n", text, StringComparison.Ordinal);
        Assert.Contains(
            "  public System.Threading.Tasks.Task<Baton.Orchestration.RunResult> RunAsync(Baton.Orchestration.Orchestration orchestration, string task, System.Threading.CancellationToken cancellationToken = default)\n",
            text,
            StringComparison.Ordinal);
        Assert.Contains("  public Baton.Context.AgentView ForAgent(string role, System.Collections.Generic.IEnumerable<string>? reads = null, string? note = null)\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain(typeof(PublicApiTests).Assembly.GetName().Name!, text, StringComparison.Ordinal);
        Assert.DoesNotContain("RunObservers", text, StringComparison.Ordinal);
    }
}
