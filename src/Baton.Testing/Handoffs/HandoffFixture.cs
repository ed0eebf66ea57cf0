using System.Collections.Immutable;
using System.Text.Json;

namespace Baton.Testing;

/// <summary>
/// One representative input for the agent under test: the task, intent and constraints of a run, and the outputs
/// the previous agent produced (what agent N-1 hands to agent N), with optional expectations.
/// </summary>
/// <remarks>
/// Immutable. Load fixtures from JSON files with <see cref="HandoffFixtures.LoadDirectory"/>, build them in code with
/// <see cref="Create"/>, or derive misbehaving variants with <see cref="EdgeCaseGenerator"/>.
/// </remarks>
public sealed record HandoffFixture
{
    /// <summary>Gets the fixture's name, unique among the fixtures of a test (one report line each).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the task as the user asked it.</summary>
    public required string Task { get; init; }

    /// <summary>Gets the one-line intent.</summary>
    /// <value>The default is <see langword="null"/>: derived from the task.</value>
    public string? Intent { get; init; }

    /// <summary>Gets the constraints every agent must respect.</summary>
    public ImmutableArray<string> Constraints { get; init; } = [];

    /// <summary>Gets the upstream outputs by name: what the previous agents wrote into the context.</summary>
    public ImmutableSortedDictionary<string, JsonElement> Outputs { get; init; } = ImmutableSortedDictionary.Create<string, JsonElement>(StringComparer.Ordinal);

    /// <summary>Gets the name of the agent the outputs are attributed to in the prompt.</summary>
    /// <value>The default is <c>upstream</c>.</value>
    public string From { get; init; } = "upstream";

    /// <summary>Gets what the run and the output must satisfy beyond the agent's contract, if anything.</summary>
    /// <value>The default is <see langword="null"/>: the run must complete and the output must satisfy the contract.</value>
    public HandoffExpectation? Expect { get; init; }

    /// <summary>Gets the file the fixture was read from, when it was read from one.</summary>
    public string? Source { get; init; }

    /// <summary>Gets the edge case this fixture was generated as, or <see langword="null"/> for a hand-written fixture.</summary>
    public EdgeCaseKind? EdgeCase { get; init; }

    /// <summary>Gets whether outputs the agent declares in <c>Reads</c> may be missing (the run then goes ahead without them).</summary>
    /// <value>The default is <see langword="false"/>: a missing declared input fails the fixture, since it is usually a typo.</value>
    public bool AllowMissingInputs { get; init; }

    /// <summary>Creates a fixture in code.</summary>
    /// <param name="name">The fixture's name.</param>
    /// <param name="task">The task.</param>
    /// <param name="outputs">The upstream outputs by name; values are serialized to JSON (a string becomes a text output).</param>
    /// <returns>The fixture.</returns>
    /// <exception cref="ArgumentException">The name or the task is empty.</exception>
    public static HandoffFixture Create(string name, string task, IReadOnlyDictionary<string, JsonElement>? outputs = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        var builder = ImmutableSortedDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in outputs ?? ImmutableDictionary<string, JsonElement>.Empty)
        {
            builder[key] = value.Clone();
        }

        return new HandoffFixture { Name = name, Task = task, Outputs = builder.ToImmutable() };
    }

    /// <summary>Returns a copy with an output set (replacing one of the same name).</summary>
    /// <param name="name">The output name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The updated copy.</returns>
    public HandoffFixture WithOutput(string name, JsonElement value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return this with { Outputs = Outputs.SetItem(name, value.Clone()) };
    }

    /// <inheritdoc />
    public override string ToString() => Source is null ? $"fixture '{Name}'" : $"fixture '{Name}' ({Source})";
}
