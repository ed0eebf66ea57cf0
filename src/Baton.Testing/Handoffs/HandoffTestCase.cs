using Baton.Context;
using Baton.Orchestration;

namespace Baton.Testing;

/// <summary>What a check sees of one fixture's run: the fixture, the run's result and the agent's output.</summary>
public sealed class HandoffTestCase
{
    internal HandoffTestCase(HandoffFixture fixture, RunResult result, HandoffOutput? output)
    {
        Fixture = fixture;
        Result = result;
        Output = output;
    }

    /// <summary>Gets the fixture that was run.</summary>
    public HandoffFixture Fixture { get; }

    /// <summary>Gets the result of the one-step run (status, reason, journal).</summary>
    public RunResult Result { get; }

    /// <summary>Gets the output the agent under test recorded, or <see langword="null"/> when it recorded none.</summary>
    public HandoffOutput? Output { get; }

    /// <summary>Gets the output as text (a JSON string's contents, otherwise the JSON), or <see langword="null"/> when there is none.</summary>
    public string? Text => Output?.ToText();
}
