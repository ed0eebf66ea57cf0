using Baton.Agents;

namespace Baton.Orchestration;

/// <summary>
/// A unit of handoff control flow: a single agent, a sequential pipeline, a supervisor, a review loop. Every
/// orchestration can be a step of another.
/// </summary>
/// <remarks>
/// <para>Implementations must be immutable after construction and deterministic given what their
/// <see cref="IRunContext"/> gives them (the context, and the model answers of their turns), so that a run can be
/// resumed and replayed from its journal. They must keep no run state of their own: everything a run needs to
/// continue lives in the journal.</para>
/// <para>Configuration is checked once: built-in orchestrations validate themselves (and snapshot their options)
/// when they are constructed; the runner only checks, per run, that the outputs an orchestration needs are given.</para>
/// <para>An <see cref="Agent"/> converts implicitly to a one-agent step.</para>
/// </remarks>
public abstract class Orchestration
{
    private readonly Lazy<IReadOnlyList<string>> _structureErrors;

    /// <summary>Initializes the orchestration.</summary>
    /// <param name="name">The orchestration's name (letters, digits, '-' and '_').</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or has other characters.</exception>
    protected Orchestration(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Agent.IsValidName(name))
        {
            throw new ArgumentException($"Orchestration name '{name}' is not valid: use letters, digits, '-' and '_' only.", nameof(name));
        }

        Name = name;
        _structureErrors = new Lazy<IReadOnlyList<string>>(CollectStructureErrors, LazyThreadSafetyMode.PublicationOnly);
    }

    /// <summary>Gets the orchestration's name.</summary>
    public string Name { get; }

    /// <summary>Gets the outputs the orchestration reads that it does not write itself (it needs them from before it).</summary>
    public abstract IReadOnlyList<string> Inputs { get; }

    /// <summary>Gets the outputs the orchestration may write.</summary>
    public abstract IReadOnlyList<string> Outputs { get; }

    /// <summary>Gets the name of the output that is this orchestration's result when it completes.</summary>
    /// <value>By default the last of <see cref="Outputs"/>.</value>
    public virtual string? ResultOutput => Outputs.Count == 0 ? null : Outputs[^1];

    /// <summary>Gets every agent this orchestration may call, its nested orchestrations' included.</summary>
    public abstract IEnumerable<Agent> Agents { get; }

    /// <summary>Runs the orchestration within a run.</summary>
    /// <param name="run">The run: its context and state, agent turns, guards and the events the orchestration records.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns><see cref="StepOutcome.Completed"/>, or why the run must stop.</returns>
    public abstract ValueTask<StepOutcome> ExecuteAsync(IRunContext run, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks the orchestration before any model call: agent names are unique, and every output an agent reads is
    /// written before it or given in <paramref name="providedOutputs"/>.
    /// </summary>
    /// <param name="providedOutputs">Outputs present before the orchestration starts (for example in the initial context).</param>
    /// <exception cref="OrchestrationConfigurationException">The orchestration is not valid; the message lists every problem.</exception>
    public void Validate(IEnumerable<string>? providedOutputs = null) => Validate(providedOutputs, _structureErrors.Value);

    /// <summary>
    /// <see cref="Validate(IEnumerable{string}?)"/> for the runner, before each run: orchestrations are immutable
    /// after construction, so their structure is checked once (only the provided outputs are checked per run).
    /// </summary>
    /// <param name="providedOutputs">Outputs present before the orchestration starts.</param>
    internal void ValidateForRun(IEnumerable<string>? providedOutputs) => Validate(providedOutputs, _structureErrors.Value);

    private void Validate(IEnumerable<string>? providedOutputs, IReadOnlyList<string> structureErrors)
    {
        List<string>? errors = structureErrors.Count == 0 ? null : [.. structureErrors];
        var inputs = Inputs;
        var provided = inputs.Count == 0 ? null : new HashSet<string>(providedOutputs ?? [], StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (!provided!.Contains(input))
            {
                (errors ??= []).Add($"'{Name}' needs the output '{input}' before it starts, but it is not in the initial context. Pass it with HandoffContext.WithOutput, or remove it from the reads.");
            }
        }

        if (errors is { Count: > 0 })
        {
            throw new OrchestrationConfigurationException(Name, errors);
        }
    }

    private List<string> CollectStructureErrors()
    {
        var errors = new List<string>();
        CollectDuplicateNames(errors);
        CollectErrors(errors);
        return errors;
    }

    /// <summary>Adds this orchestration's own configuration errors (and its children's) to <paramref name="errors"/>.</summary>
    /// <param name="errors">The list to add to: one sentence per problem, naming the agent and the field.</param>
    protected internal virtual void CollectErrors(ICollection<string> errors)
    {
    }

    /// <summary>Wraps an agent as a one-agent step.</summary>
    /// <param name="agent">The agent.</param>
    public static implicit operator Orchestration(Agent agent) => new AgentStep(agent);

    /// <summary>Wraps an agent as a one-agent step.</summary>
    /// <param name="agent">The agent.</param>
    /// <returns>The step.</returns>
    public static Orchestration FromAgent(Agent agent) => new AgentStep(agent);

    private void CollectDuplicateNames(List<string> errors)
    {
        var byName = new Dictionary<string, Agent>(StringComparer.Ordinal);
        foreach (var agent in Agents)
        {
            if (byName.TryGetValue(agent.Name, out var other))
            {
                if (!ReferenceEquals(other, agent))
                {
                    var message = $"Two different agents are named '{agent.Name}' in '{Name}' (Agent.Name): give each agent a unique name.";
                    if (!errors.Contains(message))
                    {
                        errors.Add(message);
                    }
                }
            }
            else
            {
                byName.Add(agent.Name, agent);
            }
        }
    }
}
