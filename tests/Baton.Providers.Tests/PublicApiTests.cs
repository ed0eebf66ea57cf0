using Baton.Tests.PublicApi;
using Baton.Tests.Snapshots;

namespace Baton.Providers.Tests;

/// <summary>
/// Tracks the public API of Baton.Providers in a checked-in text file. To accept a change:
/// <c>BATON_UPDATE_API=1 dotnet test --project tests/Baton.Providers.Tests</c>.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_BatonProviders_MatchesCheckedInSnapshot() =>
        Snapshot.Verify(
            "tests/Baton.Providers.Tests/PublicApi/Baton.Providers.api.txt",
            PublicApiText.Write(typeof(ChatClientFactory).Assembly),
            "BATON_UPDATE_API",
            "The public API of Baton.Providers");
}
