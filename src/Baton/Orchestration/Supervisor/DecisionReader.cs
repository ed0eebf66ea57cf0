using Baton.Agents;
using Baton.Journal;
using Baton.Orchestration.Turns;
using Microsoft.Extensions.AI;

namespace Baton.Orchestration.Supervisor;

/// <summary>Reads a supervisor's reply as a routing decision; every attempt, usable or not, is a <see cref="RoutingDecided"/> event.</summary>
internal sealed class DecisionReader(string supervisor, IReadOnlyCollection<string> allowedNames, int routedSteps, int maxReasks, ChatResponseFormat format) : ReplyReader
{
    /// <inheritdoc />
    public override ChatResponseFormat? ResponseFormat => format;

    /// <inheritdoc />
    public override bool ExpectsJson => true;

    /// <inheritdoc />
    public override bool GuardsEachAttempt => true;

    /// <inheritdoc />
    public override bool UsesAgentFallback => false;

    /// <inheritdoc />
    public override int DefaultMaxOutputTokens => BatonDefaults.SupervisorMaxOutputTokens;

    /// <inheritdoc />
    public override string WhatFailed => "no usable routing decision";

    /// <inheritdoc />
    public override int MaxReasks(Agent caller) => maxReasks;

    /// <inheritdoc />
    public override ReplyReading Read(string text) =>
        SupervisorDecisionParser.TryParse(text, allowedNames, out var decision, out var error)
            ? ReplyReading.Accept(null, decision)
            : ReplyReading.Reject(error.Message, string.Empty, journalAsValidation: false);

    /// <inheritdoc />
    public override ReplyReading Unusable(string problem, string fix) => ReplyReading.Reject(problem, fix, journalAsValidation: false);

    /// <inheritdoc />
    public override JournalEvent Accepted(int step, string agent, int attempt, ReplyReading reading)
    {
        var decision = (SupervisorDecision)reading.Parsed!;
        return new RoutingDecided
        {
            Step = step,
            Agent = agent,
            Supervisor = supervisor,
            Attempt = attempt,
            NextAgent = decision.NextAgent,
            ContextForAgent = decision.ContextForAgent,
            Reasoning = decision.Reasoning,
            RoutedSteps = routedSteps,
        };
    }

    /// <inheritdoc />
    public override JournalEvent Rejected(int step, string agent, int attempt, ReplyReading reading) => new RoutingDecided
    {
        Step = step,
        Agent = agent,
        Supervisor = supervisor,
        Attempt = attempt,
        ParseError = reading.Problem,
        RoutedSteps = routedSteps,
    };
}
