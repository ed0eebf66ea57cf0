using System.Collections.Immutable;
using System.Text.Json;
using Baton.Agents;
using Baton.Guards;
using Baton.Journal;
using Baton.Orchestration.Turns;
using Microsoft.Extensions.AI;

namespace Baton.Orchestration.Supervisor;

/// <summary>
/// Handoff model 2: a supervisor agent reads the task state and routes each step to one specialist (an agent or a
/// nested orchestration) until it answers <c>DONE</c>.
/// </summary>
/// <remarks>
/// <para><b>Routing.</b> Each round the supervisor sees the task, intent, constraints, a clipped summary of each
/// step so far, and the allowed names with their descriptions, and answers
/// <c>{"next_agent": "&lt;name&gt;|DONE", "context_for_agent": "...", "reasoning": "..."}</c>, parsed by
/// <see cref="SupervisorDecisionParser"/>. An unusable answer is re-asked (<see cref="SupervisorOptions.MaxDecisionReasks"/>)
/// with what was wrong; then <see cref="SupervisorOptions.OnInvalidDecision"/> applies. Only the supervisor's
/// <c>next_agent</c> field routes: nothing a specialist writes can choose the next agent.</para>
/// <para><b>Context.</b> An agent specialist receives <c>context_for_agent</c> as its turn's instructions, on top of
/// the original task, intent and constraints that every view carries. A nested orchestration receives it as the
/// output <see cref="SupervisorOptions.NoteOutput"/>.</para>
/// <para><b>Result.</b> On <c>DONE</c>, the last specialist's result output is copied to <see cref="ResultOutput"/>.</para>
/// <para><b>Guards.</b> Every supervisor call first checks the run-wide limits (steps, deadline, token budget).
/// After <see cref="SupervisorOptions.MaxSteps"/> routed steps the run ends with <see cref="RunStatus.StepLimitReached"/>;
/// a routing cycle repeated with unchanged outputs ends it with <see cref="RunStatus.LoopDetected"/> (see
/// <see cref="LoopDetector"/>); both after their declared <see cref="Fallback"/>. Each decision (every attempt)
/// is a <see cref="RoutingDecided"/> event and each triggered guard a <see cref="GuardTriggered"/> event.</para>
/// <para><b>Decisions are agent turns</b>: the decision is requested as structured output (a JSON schema whose
/// <c>next_agent</c> is an enum of the allowed names and <c>DONE</c>), with the supervisor agent's output-token limit
/// (<see cref="BatonDefaults.SupervisorMaxOutputTokens"/> when unset), and read and re-asked by the same turn
/// pipeline as every agent's output.</para>
/// <para>Keeps no run state: the routing history is rebuilt as the run (or its replay) proceeds. The options are
/// validated and copied when the supervisor is built.</para>
/// </remarks>
public sealed class SupervisorOrchestration : Orchestration
{
    private readonly ImmutableArray<(string Name, string Description)> _menu;
    private readonly Dictionary<string, Orchestration> _byName;
    private readonly ImmutableArray<string> _names;
    private readonly ChatResponseFormat _decisionFormat;

    /// <summary>Creates a supervisor and checks it.</summary>
    /// <param name="name">The orchestration's name.</param>
    /// <param name="supervisor">The agent that decides the routing.</param>
    /// <param name="specialists">The agents or orchestrations it may route to, by their names.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="OrchestrationConfigurationException">The supervisor is not valid; the message lists every problem.</exception>
    public SupervisorOrchestration(string name, Agent supervisor, IEnumerable<Orchestration> specialists, SupervisorOptions? options = null)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(supervisor);
        ArgumentNullException.ThrowIfNull(specialists);
        SupervisorAgent = supervisor;
        Specialists = [.. specialists];
        Options = (options ?? SupervisorOptions.Default).Snapshot();
        _byName = new Dictionary<string, Orchestration>(StringComparer.Ordinal);
        foreach (var s in Specialists)
        {
            _byName.TryAdd(s.Name, s);
        }

        _menu = [.. Specialists.Select(s => (s.Name, Describe(s)))];
        _names = [.. _menu.Select(m => m.Name)];
        _decisionFormat = ReplySchemas.Decision(_names);
        ResultOutput = Options.ResultOutput ?? name;
        var produced = new HashSet<string>(Specialists.SelectMany(s => s.Outputs), StringComparer.Ordinal) { Options.NoteOutput ?? string.Empty, ResultOutput };
        Inputs = [.. Specialists.SelectMany(s => s.Inputs).Where(i => !produced.Contains(i)).Distinct(StringComparer.Ordinal)];
        Outputs = [.. Specialists.SelectMany(s => s.Outputs).Append(Options.NoteOutput ?? string.Empty).Append(ResultOutput).Distinct(StringComparer.Ordinal)];
        Validate(Inputs);
    }

    /// <summary>Gets the agent that decides the routing.</summary>
    public Agent SupervisorAgent { get; }

    /// <summary>Gets the agents and orchestrations the supervisor may route to.</summary>
    public ImmutableArray<Orchestration> Specialists { get; }

    /// <summary>Gets the options.</summary>
    public SupervisorOptions Options { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Inputs { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Outputs { get; }

    /// <inheritdoc />
    public override string ResultOutput { get; }

    /// <inheritdoc />
    public override IEnumerable<Agent> Agents =>
        Specialists.SelectMany(s => s.Agents)
            .Prepend(SupervisorAgent)
            .Concat(new[] { Options.OnStepLimit, Options.OnLoopDetected, Options.OnInvalidDecision }.Select(f => f?.Agent).OfType<Agent>())
            .Distinct();

    /// <inheritdoc />
    public override async ValueTask<StepOutcome> ExecuteAsync(IRunContext run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var visits = new List<RouteVisit>();
        var history = new List<SupervisorStepSummary>();
        Orchestration? last = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (visits.Count >= Options.MaxSteps)
            {
                var stop = new GuardStop(Name, GuardKind.StepLimit, RunStatus.StepLimitReached, $"Supervisor '{Name}' routed {visits.Count} steps, its limit, without answering DONE.")
                {
                    Limit = LimitKind.SupervisorMaxSteps,
                };
                return await run.StopAsync(stop, Options.OnStepLimit, ResultOutput, cancellationToken).ConfigureAwait(false);
            }

            var turn = await DecideAsync(run, history, visits.Count, cancellationToken).ConfigureAwait(false);
            if (!turn.Outcome.IsCompleted)
            {
                if (!turn.RepliesUnusable)
                {
                    return turn.Outcome;
                }

                var stop = new GuardStop(Name, GuardKind.InvalidDecision, RunStatus.Failed, $"Supervisor '{Name}' gave no usable routing decision in {Options.MaxDecisionReasks + 1} attempts (see the routing_decided events).")
                {
                    Limit = LimitKind.SupervisorMaxDecisionReasks,
                };
                return await run.StopAsync(stop, Options.OnInvalidDecision, ResultOutput, cancellationToken).ConfigureAwait(false);
            }

            var decision = (SupervisorDecision)turn.Parsed!;
            if (decision.IsDone)
            {
                await RecordResultAsync(run, last, cancellationToken).ConfigureAwait(false);
                return StepOutcome.Completed;
            }

            var specialist = _byName[decision.NextAgent];
            var outcome = await RunSpecialistAsync(run, specialist, decision.ContextForAgent, cancellationToken).ConfigureAwait(false);
            if (!outcome.IsCompleted)
            {
                return outcome;
            }

            last = specialist;
            var context = run.Context;
            visits.Add(new RouteVisit(specialist.Name, OutputDigest.Compute(specialist.Outputs.Select(o => context.Outputs.TryGetValue(o, out var v) ? v.Value : (JsonElement?)null))));
            history.Add(Summarize(run, specialist, decision.ContextForAgent));
            if (Options.DetectLoops && LoopDetector.Detect(visits, Options.MaxLoopCycleLength) is { } loop)
            {
                var stop = new GuardStop(Name, GuardKind.Loop, RunStatus.LoopDetected, $"{loop} (supervisor '{Name}': the cycle repeated with unchanged outputs).") { Cycle = loop.Cycle };
                return await run.StopAsync(stop, Options.OnLoopDetected, ResultOutput, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    protected internal override void CollectErrors(ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Options.CollectErrors(Name, errors);
        if (SupervisorAgent.Human is not null)
        {
            errors.Add($"Supervisor '{Name}': agent '{SupervisorAgent.Name}' is answered by a person, but routing decisions are made by a model agent. Make the person a specialist the supervisor routes to.");
        }

        if (Specialists.IsEmpty)
        {
            errors.Add($"Supervisor '{Name}' has no specialists to route to. Add at least one agent or orchestration.");
        }

        foreach (var group in Specialists.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"Supervisor '{Name}' has {group.Count()} specialists named '{group.Key}' (names are compared case-insensitively): give each a unique name.");
        }

        foreach (var s in Specialists)
        {
            if (string.Equals(s.Name, SupervisorDecision.Done, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"Supervisor '{Name}' has a specialist named '{s.Name}', which is reserved for finishing: rename it.");
            }

            if (s.Name == SupervisorAgent.Name)
            {
                errors.Add($"Supervisor '{Name}': agent '{s.Name}' is both the supervisor and a specialist. A supervisor cannot route to itself.");
            }

            s.CollectErrors(errors);
        }

        foreach (var key in Options.Descriptions?.Keys ?? [])
        {
            if (!_byName.ContainsKey(key))
            {
                var hint = NameSuggestions.DidYouMean(key, _byName.Keys) is { } guess ? $" Did you mean '{guess}'?" : string.Empty;
                errors.Add($"Supervisor '{Name}': SupervisorOptions.Descriptions has '{key}', which is not a specialist.{hint}");
            }
        }
    }

    private ValueTask<AgentTurnResult> DecideAsync(IRunContext run, List<SupervisorStepSummary> history, int routed, CancellationToken cancellationToken)
    {
        var messages = SupervisorPrompt.Build(SupervisorAgent.Name, SupervisorAgent.Instructions, run.Context, history, _menu, Options.MaxSteps - routed);
        var turn = new AgentTurn
        {
            Messages = messages,
            RecordOutput = false,
            Reader = new DecisionReader(Name, _names, routed, Options.MaxDecisionReasks, _decisionFormat),
        };
        return run.RunTurnAsync(SupervisorAgent, turn, cancellationToken);
    }

    private async ValueTask<StepOutcome> RunSpecialistAsync(IRunContext run, Orchestration specialist, string note, CancellationToken cancellationToken)
    {
        if (specialist is AgentStep agentStep)
        {
            var turn = new AgentTurn { Reads = agentStep.Reads, Note = note.Length == 0 ? null : note };
            return (await run.RunTurnAsync(agentStep.Agent, turn, cancellationToken).ConfigureAwait(false)).Outcome;
        }

        if (note.Length > 0)
        {
            var value = JsonSerializer.SerializeToElement(note, BatonJsonContext.Default.String);
            await run.RecordOutputAsync(SupervisorAgent.Name, run.State.StepCount, Options.NoteOutput, value, OutputVia.Supervisor, cancellationToken).ConfigureAwait(false);
        }

        return await specialist.ExecuteAsync(run, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask RecordResultAsync(IRunContext run, Orchestration? last, CancellationToken cancellationToken)
    {
        if (last?.ResultOutput is { } name && run.Context.Outputs.TryGetValue(name, out var output))
        {
            await run.RecordOutputAsync(output.ProducedBy, run.State.StepCount, ResultOutput, output.Value, OutputVia.Supervisor, cancellationToken).ConfigureAwait(false);
        }
    }

    private SupervisorStepSummary Summarize(IRunContext run, Orchestration specialist, string note)
    {
        var context = run.Context;
        note = SupervisorPrompt.Preview(note, Options.MaxOutputPreviewChars);
        if (specialist.ResultOutput is { } name && context.Outputs.TryGetValue(name, out var output))
        {
            return new(output.Step, specialist.Name, note, name, SupervisorPrompt.Preview(output.ToText(), Options.MaxOutputPreviewChars));
        }

        return new(run.State.StepCount, specialist.Name, note, null, null);
    }

    private string Describe(Orchestration specialist)
    {
        if (Options.Descriptions?.TryGetValue(specialist.Name, out var given) == true)
        {
            return given;
        }

        if (specialist is AgentStep { Agent: var agent })
        {
            return agent.Human is { } human
                ? agent.Description ?? $"a person ({human.Assignee ?? agent.Name}): {FirstLine(human.Question)}"
                : agent.Description ?? FirstLine(agent.Instructions) ?? "an agent";
        }

        return $"a team of agents ({string.Join(", ", specialist.Agents.Select(a => a.Name))})";
    }

    private static string? FirstLine(string text)
    {
        var line = text.Trim().Split('\n', 2)[0].Trim();
        return line.Length == 0 ? null : line;
    }
}
