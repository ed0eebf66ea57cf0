using Baton.Guards;
using Baton.Journal;
using Microsoft.Extensions.Logging;

namespace Baton.Orchestration;

/// <summary>Options for a <see cref="HandoffRunner"/>.</summary>
/// <remarks>
/// Validated when the runner is built (every problem in one <see cref="OrchestrationConfigurationException"/>); the
/// runner copies them then, so changing them afterwards does not affect it. With dependency injection, configure them
/// through <c>services.AddBaton(options =&gt; ...)</c>.
/// </remarks>
public sealed class HandoffRunnerOptions
{
    /// <summary>Gets or sets where run journals are kept.</summary>
    /// <value>The default is a new <see cref="InMemoryRunStore"/>.</value>
    public IRunStore Store { get; set; } = new InMemoryRunStore();

    /// <summary>Gets or sets the clock for timestamps, latencies and deadlines.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the limits for runs that do not set their own.</summary>
    /// <value>The default is <see cref="RunLimits.Default"/> (<see cref="BatonDefaults.RunMaxSteps"/> steps, <see cref="BatonDefaults.RunDeadlineMinutes"/> minutes, no token budget).</value>
    public RunLimits Limits { get; set; } = RunLimits.Default;

    /// <summary>Gets the observers that see every journal event as it is written.</summary>
    /// <value>The default is empty. An observer that throws is logged and ignored.</value>
    public IList<IRunObserver> Observers { get; } = [];

    /// <summary>Gets or sets the logger factory for Baton's own messages.</summary>
    /// <value>The default is <see langword="null"/>: nothing is logged.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Gets or sets the id of this worker, recorded as the owner of the lease each run it starts or resumes takes
    /// (<see cref="RunStarted.LeaseOwner"/>, <see cref="RunResumed.LeaseOwner"/>).
    /// </summary>
    /// <value>The default is <c>host:pid</c> (<see cref="Environment.MachineName"/> and <see cref="Environment.ProcessId"/>), which lets tools on the same machine tell whether the holder is still alive.</value>
    public string WorkerId { get; set; } = DefaultWorkerId;

    /// <summary>Gets the default <see cref="WorkerId"/> of this process: <c>host:pid</c>.</summary>
    public static string DefaultWorkerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Gets or sets the function that makes run ids.</summary>
    /// <value>The default makes a version 7 GUID (time-ordered) in "N" format.</value>
    public Func<string> RunIdFactory { get; set; } = static () => Guid.CreateVersion7().ToString("N");

    /// <summary>Gets or sets the token counter for context sizes (recorded as <see cref="AgentCalled.ContextTokens"/>) and agents' context budgets.</summary>
    /// <value>The default is <see langword="null"/>: sizes are not recorded, and agents with a budget count with <see cref="Compression.TiktokenTokenCounter.Default"/> (o200k_base, whose data package <c>Microsoft.ML.Tokenizers.Data.O200kBase</c> the application references).</value>
    public Compression.ITokenCounter? TokenCounter { get; set; }

    /// <summary>Gets or sets how views over an agent's context budget are compressed, for agents that do not set their own.</summary>
    /// <value>The default is <see langword="null"/>: <see cref="Compression.ContextCompressors.Default"/> (truncate, then drop least relevant).</value>
    public Compression.IContextCompressor? ContextCompressor { get; set; }

    /// <summary>Gets or sets the redactor applied to every text of every journal event before it is written (and before observers see it).</summary>
    /// <value>The default is <see langword="null"/>: events are written as they are.</value>
    /// <remarks>
    /// Set it to a <see cref="Secrets.SecretRedactor"/> holding the API keys in use, so a model answer, an error message
    /// or an output that echoes a key is journaled with the key masked. The run then continues from the redacted
    /// text, exactly as a resume or replay of its journal would.
    /// </remarks>
    public Secrets.SecretRedactor? Redactor { get; set; }

    internal List<string> CollectErrors()
    {
        var errors = new List<string>();
        const string Owner = "HandoffRunnerOptions.";
        OptionsValidation.NotNull(errors, Owner, nameof(Store), Store, "set a store, for example new InMemoryRunStore().");
        OptionsValidation.NotNull(errors, Owner, nameof(TimeProvider), TimeProvider, "use TimeProvider.System.");
        OptionsValidation.NotNull(errors, Owner, nameof(RunIdFactory), RunIdFactory, "leave the default (version 7 GUIDs).");
        OptionsValidation.NotNull(errors, Owner, nameof(Limits), Limits, "use RunLimits.Default.");
        if (string.IsNullOrWhiteSpace(WorkerId))
        {
            errors.Add($"{Owner}{nameof(WorkerId)} is empty: set it to this worker's id (the default is host:pid).");
        }

        Limits?.CollectErrors(errors);
        return errors;
    }
}
