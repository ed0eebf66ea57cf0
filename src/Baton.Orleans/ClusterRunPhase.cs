namespace Baton.Orleans;

/// <summary>Where a cluster run is in its life.</summary>
public enum ClusterRunPhase
{
    /// <summary>No run with that id is in the journal.</summary>
    Unknown = 0,

    /// <summary>A silo is executing the run.</summary>
    Executing,

    /// <summary>The run waits (for a time or a message) and holds no memory in any silo; a reminder or a message wakes it.</summary>
    Parked,

    /// <summary>The run has not ended but is executing nowhere (its silo died); the next call or reminder continues it.</summary>
    Idle,

    /// <summary>The run ended (its journal ends with <c>run_ended</c>, not waiting for a person).</summary>
    Ended,

    /// <summary>
    /// The run waits for a person's answer (its journal ends with <c>run_ended</c> <see cref="RunStatus.AwaitingInput"/>)
    /// and holds no memory in any silo: an answer given through any silo continues it, and a reminder applies the
    /// wait's timeout at its due time.
    /// </summary>
    AwaitingInput,
}
