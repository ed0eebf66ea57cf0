using Baton.Tests.PublicApi;
using Baton.Tests.Snapshots;

namespace Baton.Orleans.Tests;

/// <summary>
/// Tracks the public API of Baton.Orleans in a checked-in text file. To accept a change:
/// <c>BATON_UPDATE_API=1 dotnet test --project tests/Baton.Orleans.Tests -- --filter-class "Baton.Orleans.Tests.PublicApiTests"</c>.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_BatonOrleans_MatchesCheckedInSnapshot() =>
        Snapshot.Verify(
            "tests/Baton.Orleans.Tests/PublicApi/Baton.Orleans.api.txt",
            PublicApiText.Write(typeof(BatonClusterClient).Assembly),
            "BATON_UPDATE_API",
            "The public API of Baton.Orleans");
}
