using System.Text.Json;
using Baton.Context;

namespace Baton.Tests.Context;

public sealed class JsonTextTests
{
    [Fact]
    public void ToPrompt_ValueReadBackWithEscapes_RendersLikeTheLiveValue()
    {
        // The live value as the model wrote it, and the same value as a store's serializer writes it back.
        var live = Output("""{"summary":"<rehearsal> & café","n":1}""");
        var stored = Output("""{"summary":"\u003Crehearsal\u003E \u0026 caf\u00E9","n":1}""");

        var livePrompt = HandoffContext.Create("task").WithOutput(live).ForAgent("writer").ToPrompt();
        var storedPrompt = HandoffContext.Create("task").WithOutput(stored).ForAgent("writer").ToPrompt();

        Assert.Equal(livePrompt, storedPrompt);
        Assert.Contains("""{"summary":"<rehearsal> & café","n":1}""", livePrompt, StringComparison.Ordinal);
        Assert.Equal(live.ToText(), stored.ToText());
    }

    [Fact]
    public void ToPrompt_IndentedLiveValueAndCompactStoredValue_RenderTheSame()
    {
        var live = Output("{\n  \"summary\": \"short\",\n  \"facts\": [1, 2]\n}");
        var stored = Output("""{"summary":"short","facts":[1,2]}""");

        Assert.Equal(
            HandoffContext.Create("task").WithOutput(live).ForAgent("writer").ToPrompt(),
            HandoffContext.Create("task").WithOutput(stored).ForAgent("writer").ToPrompt());
    }

    private static HandoffOutput Output(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new HandoffOutput { Name = "research", Value = document.RootElement.Clone(), ProducedBy = "researcher", Step = 1, Timestamp = DateTimeOffset.UnixEpoch };
    }
}
