using Baton.Tests.PublicApi;
using Baton.Tests.Snapshots;

namespace Baton.Evaluation.Tests.PublicApi;

/// <summary>
/// Tracks the public API of Baton.Evaluation in a checked-in text file. To accept a change:
/// <c>BATON_UPDATE_API=1 dotnet test --project tests/Baton.Evaluation.Tests</c>.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_BatonEvaluation_MatchesCheckedInSnapshot() =>
        Snapshot.Verify(
            "tests/Baton.Evaluation.Tests/PublicApi/Baton.Evaluation.api.txt",
            PublicApiText.Write(typeof(EvalRunner).Assembly),
            "BATON_UPDATE_API",
            "The public API of Baton.Evaluation");
}
