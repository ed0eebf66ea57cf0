using Baton.Guards;
using Baton.Journal;

namespace Baton.Testing;

/// <summary>Options for a <see cref="HandoffTestRunner"/>.</summary>
public sealed class HandoffTestOptions
{
    /// <summary>Gets or sets the clock of the runs.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the limits of each fixture's run (a token budget makes oversized inputs fail as they would in production).</summary>
    /// <value>The default is <see cref="RunLimits.Default"/>.</value>
    public RunLimits Limits { get; set; } = RunLimits.Default;

    /// <summary>Gets or sets the store the runs are journaled in (keep it to inspect or replay them afterwards).</summary>
    /// <value>The default is <see langword="null"/>: a new in-memory store per test run.</value>
    public IRunStore? Store { get; set; }

    /// <summary>Gets the observers that see every run's events (progress, telemetry).</summary>
    /// <value>The default is empty.</value>
    public IList<IRunObserver> Observers { get; } = [];
}
