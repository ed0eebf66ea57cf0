using System.Collections.Immutable;
using Baton.Agents;

namespace Baton.Orchestration;

/// <summary>
/// Handoff model 1: steps run one after another, each receiving structured context (task, intent, constraints,
/// completed steps and the outputs it reads), never the previous agent's raw reply.
/// </summary>
/// <remarks>
/// An agent whose <see cref="Agent.Reads"/> is unset reads the previous step's outputs (the first step reads the
/// pipeline's declared inputs). The pipeline stops at the first step that does not complete, with that step's
/// outcome.
/// </remarks>
public sealed class SequentialPipeline : Orchestration
{
    private readonly ImmutableArray<Orchestration> _steps;

    /// <summary>Creates a pipeline and checks it: unique agent names, and every read written by an earlier step or declared in <paramref name="inputs"/>.</summary>
    /// <param name="name">The pipeline's name.</param>
    /// <param name="steps">The steps, in order: agents or nested orchestrations.</param>
    /// <param name="inputs">Outputs the pipeline needs from before it starts (from the initial context or an enclosing orchestration).</param>
    /// <exception cref="ArgumentException">There are no steps.</exception>
    /// <exception cref="OrchestrationConfigurationException">The pipeline is not valid; the message names each agent and field at fault.</exception>
    public SequentialPipeline(string name, IEnumerable<Orchestration> steps, IEnumerable<string>? inputs = null)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(steps);
        Inputs = inputs?.ToImmutableArray() ?? [];
        var resolved = ImmutableArray.CreateBuilder<Orchestration>();
        IReadOnlyList<string> previous = Inputs;
        foreach (var step in steps)
        {
            ArgumentNullException.ThrowIfNull(step, nameof(steps));
            var actual = step is AgentStep { Reads: null } agentStep ? new AgentStep(agentStep.Agent, [.. previous]) : step;
            resolved.Add(actual);
            previous = actual.Outputs;
        }

        if (resolved.Count == 0)
        {
            throw new ArgumentException($"Pipeline '{name}' has no steps. Add at least one agent.", nameof(steps));
        }

        _steps = resolved.ToImmutable();
        Outputs = [.. _steps.SelectMany(s => s.Outputs).Distinct(StringComparer.Ordinal)];
        ResultOutput = _steps[^1].ResultOutput;
        Validate(Inputs);
    }

    /// <summary>Gets the steps, in order (agents with unset reads resolved to read the previous step's outputs).</summary>
    public ImmutableArray<Orchestration> Steps => _steps;

    /// <inheritdoc />
    public override IReadOnlyList<string> Inputs { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Outputs { get; }

    /// <inheritdoc />
    public override string? ResultOutput { get; }

    /// <inheritdoc />
    public override IEnumerable<Agent> Agents => _steps.SelectMany(s => s.Agents);

    /// <inheritdoc />
    public override async ValueTask<StepOutcome> ExecuteAsync(IRunContext run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var step in _steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = await step.ExecuteAsync(run, cancellationToken).ConfigureAwait(false);
            if (!outcome.IsCompleted)
            {
                return outcome;
            }
        }

        return StepOutcome.Completed;
    }

    /// <inheritdoc />
    protected internal override void CollectErrors(ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var available = new HashSet<string>(Inputs, StringComparer.Ordinal);
        var allOutputs = _steps.SelectMany(s => s.Outputs).ToList();
        for (var i = 0; i < _steps.Length; i++)
        {
            var step = _steps[i];
            step.CollectErrors(errors);
            foreach (var read in step.Inputs)
            {
                if (available.Contains(read))
                {
                    continue;
                }

                var who = step is AgentStep a ? $"Agent '{a.Agent.Name}'" : $"Step '{step.Name}'";
                var later = _steps.Skip(i + 1).FirstOrDefault(s => s.Outputs.Contains(read));
                var hint = later is not null
                    ? $" It is written only later, by '{later.Name}': move that step before '{step.Name}'."
                    : NameSuggestions.DidYouMean(read, allOutputs.Concat(Inputs).Concat(Agents.Select(x => x.Name))) is { } guess
                        ? $" Did you mean '{guess}'?"
                        : " Check the spelling, or declare it as a pipeline input.";
                errors.Add($"{who} reads output '{read}' (Reads) that no earlier step in '{Name}' writes.{hint}");
            }

            foreach (var output in step.Outputs)
            {
                available.Add(output);
            }
        }
    }
}
