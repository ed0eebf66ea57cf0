using Baton.Tests.PublicApi;
using Baton.Tests.Snapshots;

namespace Baton.Providers.Llama.Tests;

/// <summary>
/// Tracks the public API of Baton.Providers.Llama in a checked-in text file. To accept a change:
/// <c>BATON_UPDATE_API=1 dotnet test --project tests/Baton.Providers.Llama.Tests</c>.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_BatonProvidersLlama_MatchesCheckedInSnapshot() =>
        Snapshot.Verify(
            "tests/Baton.Providers.Llama.Tests/PublicApi/Baton.Providers.Llama.api.txt",
            PublicApiText.Write(typeof(LlamaChatClient).Assembly),
            "BATON_UPDATE_API",
            "The public API of Baton.Providers.Llama");
}
