namespace Baton.Journal;

/// <summary>
/// Nobody answered an <see cref="InputRequested"/> before it was due: the agent's fallback applies (a
/// <see cref="FallbackUsed"/> follows) or, without one, the step fails. Journaled so that a resume or replay takes the
/// same path without reading the clock.
/// </summary>
public sealed record InputTimedOut : JournalEvent
{
    /// <summary>Gets the sequence number of the <see cref="InputRequested"/> event that timed out.</summary>
    public required long Request { get; init; }

    /// <summary>Gets when the answer was due.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Gets what applies instead, as <see cref="Baton.Fallback.ToString"/> writes it: <c>fail</c>, <c>fixed_answer</c> or <c>agent:&lt;name&gt;</c>.</summary>
    public required string Fallback { get; init; }
}
