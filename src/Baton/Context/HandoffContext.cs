using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Baton.Context;

/// <summary>
/// The context that travels with a task from agent to agent: the original task, a one-line intent, the
/// constraints, the completed steps and the named outputs with their provenance.
/// </summary>
/// <remarks>
/// <para>The context is immutable: every change returns a copy (<c>with</c>, <see cref="WithOutput"/>,
/// <see cref="WithCompletedStep"/>). It is safe to share between threads.</para>
/// <para>The original task, the intent and the constraints are part of every agent's view
/// (<see cref="ForAgent(string, IEnumerable{string}?, string?)"/>): no view, compression or budget removes them.</para>
/// <para>Inside a run the context is a projection of the run journal; it is never stored beside it.</para>
/// </remarks>
public sealed record HandoffContext
{
    /// <summary>The version of the JSON shape written by this library.</summary>
    public const int CurrentSchemaVersion = 1;

    private const int MaxDerivedIntentLength = 160;

    /// <summary>Gets the version of the JSON shape this instance was read from or will be written as.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Gets the task exactly as the user asked it.</summary>
    public required string OriginalTask { get; init; }

    /// <summary>Gets a one-line summary of what the user actually wants.</summary>
    public required string Intent { get; init; }

    /// <summary>Gets the constraints that hold for every agent in the run.</summary>
    public ImmutableArray<string> Constraints { get; init; } = [];

    /// <summary>Gets the steps completed so far, in order.</summary>
    public ImmutableArray<CompletedStep> CompletedSteps { get; init; } = [];

    /// <summary>Gets the named outputs recorded so far, by name; a later output of the same name replaces an earlier one.</summary>
    public ImmutableDictionary<string, HandoffOutput> Outputs { get; init; } = ImmutableDictionary<string, HandoffOutput>.Empty;

    /// <summary>Creates a context for a new task.</summary>
    /// <param name="task">The task as the user asked it. Must not be empty.</param>
    /// <param name="intent">A one-line intent; when omitted, the first line of the task (shortened to 160 characters).</param>
    /// <param name="constraints">Constraints every agent must respect.</param>
    /// <returns>A context with no steps and no outputs.</returns>
    /// <exception cref="ArgumentException">The task is empty or whitespace, or a constraint is empty.</exception>
    public static HandoffContext Create(string task, string? intent = null, IEnumerable<string>? constraints = null)
    {
        if (string.IsNullOrWhiteSpace(task))
        {
            throw new ArgumentException(
                "The task is empty. Pass the request the agents should work on, for example \"Summarise the impact of drought on wheat yields\".",
                nameof(task));
        }

        var constraintList = constraints?.ToImmutableArray() ?? [];
        for (var i = 0; i < constraintList.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(constraintList[i]))
            {
                throw new ArgumentException($"Constraint #{i + 1} is empty. Remove it or give it text.", nameof(constraints));
            }
        }

        return new HandoffContext
        {
            OriginalTask = task.Trim(),
            Intent = string.IsNullOrWhiteSpace(intent) ? DeriveIntent(task) : intent.Trim(),
            Constraints = constraintList,
        };
    }

    /// <summary>Returns a copy with <paramref name="output"/> recorded (replacing any output of the same name).</summary>
    /// <param name="output">The output to record.</param>
    /// <returns>The updated copy.</returns>
    public HandoffContext WithOutput(HandoffOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return this with { Outputs = Outputs.SetItem(output.Name, output) };
    }

    /// <summary>Returns a copy with <paramref name="step"/> appended to the completed steps.</summary>
    /// <param name="step">The completed step.</param>
    /// <returns>The updated copy.</returns>
    public HandoffContext WithCompletedStep(CompletedStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return this with { CompletedSteps = CompletedSteps.Add(step) };
    }

    /// <summary>Tries to get an output by name.</summary>
    /// <param name="name">The output name.</param>
    /// <param name="output">The output when found.</param>
    /// <returns><see langword="true"/> when an output of that name was recorded.</returns>
    public bool TryGetOutput(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HandoffOutput? output) =>
        Outputs.TryGetValue(name, out output);

    /// <summary>
    /// Builds what an agent in <paramref name="role"/> sees: always the task, intent, constraints and completed
    /// steps; of the outputs, only those named in <paramref name="reads"/> (all of them when it is <see langword="null"/>).
    /// </summary>
    /// <param name="role">The receiving agent's name or role.</param>
    /// <param name="reads">The output names the agent reads; <see langword="null"/> for all outputs.</param>
    /// <param name="note">A note for this turn only, such as a supervisor's instructions or a reviewer's feedback.</param>
    /// <returns>The view.</returns>
    public AgentView ForAgent(string role, IEnumerable<string>? reads = null, string? note = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        ImmutableArray<HandoffOutput> visible;
        if (reads is null)
        {
            visible = [.. Outputs.Values.OrderBy(o => o.Step).ThenBy(o => o.Name, StringComparer.Ordinal)];
        }
        else if (reads is ImmutableArray<string> names)
        {
            // The common case (an agent's declared reads): no enumerator or builder, one array.
            var found = names.IsDefaultOrEmpty ? [] : new HandoffOutput[names.Length];
            var count = 0;
            foreach (var name in names.IsDefault ? [] : names)
            {
                if (Outputs.TryGetValue(name, out var output))
                {
                    found[count++] = output;
                }
            }

            visible = count == found.Length ? ImmutableCollectionsMarshal.AsImmutableArray(found) : [.. found.AsSpan(0, count)];
        }
        else
        {
            var builder = ImmutableArray.CreateBuilder<HandoffOutput>();
            foreach (var name in reads)
            {
                if (Outputs.TryGetValue(name, out var output))
                {
                    builder.Add(output);
                }
            }

            visible = builder.ToImmutable();
        }

        return new AgentView
        {
            Role = role,
            OriginalTask = OriginalTask,
            Intent = Intent,
            Constraints = Constraints,
            CompletedSteps = CompletedSteps,
            Outputs = visible,
            Note = note,
        };
    }

    /// <summary>Writes the context as JSON (source-generated, with <see cref="SchemaVersion"/>).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, BatonJsonContext.Default.HandoffContext);

    /// <summary>Reads a context written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The context.</returns>
    /// <exception cref="JsonException">The text is not a context, or it was written by a newer schema version.</exception>
    public static HandoffContext FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var context = JsonSerializer.Deserialize(json, BatonJsonContext.Default.HandoffContext)
            ?? throw new JsonException("The JSON is 'null', not a handoff context.");
        if (context.SchemaVersion > CurrentSchemaVersion)
        {
            throw new JsonException(
                $"The context was written with schema version {context.SchemaVersion}; this Baton reads up to {CurrentSchemaVersion}. Upgrade Baton to read it.");
        }

        return context;
    }

    private static string DeriveIntent(string task)
    {
        var line = task.Trim().Split('\n', 2)[0].Trim();
        return line.Length <= MaxDerivedIntentLength ? line : string.Concat(line.AsSpan(0, MaxDerivedIntentLength - 1), "…");
    }

    /// <inheritdoc />
    public bool Equals(HandoffContext? other) =>
        other is not null
        && SchemaVersion == other.SchemaVersion
        && OriginalTask == other.OriginalTask
        && Intent == other.Intent
        && Constraints.SequenceEqual(other.Constraints)
        && CompletedSteps.SequenceEqual(other.CompletedSteps)
        && Outputs.Count == other.Outputs.Count
        && Outputs.All(kv => other.Outputs.TryGetValue(kv.Key, out var o) && OutputEquals(kv.Value, o));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(OriginalTask, Intent, Constraints.Length, CompletedSteps.Length, Outputs.Count);

    private static bool OutputEquals(HandoffOutput a, HandoffOutput b) =>
        a.Name == b.Name && a.ProducedBy == b.ProducedBy && a.Step == b.Step && a.Timestamp == b.Timestamp
        && a.Via == b.Via && JsonElement.DeepEquals(a.Value, b.Value);
}
