using System.Collections.Immutable;

namespace Baton.Orleans;

/// <summary>What a client asks the cluster to run: a registered orchestration by name, on a task.</summary>
/// <remarks>
/// The orchestration itself never travels: every silo that may execute the run registers it under the same name
/// (in code, or from a spec file). When <see cref="DefinitionHash"/> is set, only a silo whose registration has
/// that hash executes the run; any other refuses it with <see cref="OrchestrationUnavailableException"/> and the
/// run stays as it is for a silo that has the right version.
/// </remarks>
[GenerateSerializer]
[Alias("baton.ClusterRunRequest")]
public sealed record ClusterRunRequest
{
    /// <summary>Gets the run id.</summary>
    /// <value>The default is a version 7 GUID (time-ordered) in "N" format.</value>
    [Id(0)]
    public string RunId { get; init; } = Guid.CreateVersion7().ToString("N");

    /// <summary>Gets the name of the registered orchestration to run.</summary>
    [Id(1)]
    public required string Orchestration { get; init; }

    /// <summary>Gets the definition hash the run requires, as <see cref="RegisteredOrchestration.DefinitionHash"/> reports it.</summary>
    /// <value>The default is <see langword="null"/>: whichever version the executing silo has registered (recorded on <c>run_started</c>).</value>
    [Id(2)]
    public string? DefinitionHash { get; init; }

    /// <summary>Gets the task as the user asked it.</summary>
    [Id(3)]
    public required string Task { get; init; }

    /// <summary>Gets the one-line intent.</summary>
    /// <value>The default is <see langword="null"/>: the task's first line.</value>
    [Id(4)]
    public string? Intent { get; init; }

    /// <summary>Gets the constraints every agent must respect.</summary>
    /// <value>The default is empty.</value>
    [Id(5)]
    public ImmutableArray<string> Constraints { get; init; } = [];

    /// <summary>Gets the limits the run is held to (recorded on <c>run_started</c>, so every silo enforces the same ones).</summary>
    /// <value>The default is <see langword="null"/>: the limits the executing silo's runner uses.</value>
    [Id(6)]
    public Guards.RunLimits? Limits { get; init; }
}
