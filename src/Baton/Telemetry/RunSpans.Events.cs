using System.Diagnostics;
using Baton.Journal;

namespace Baton.Telemetry;

/// <summary>The events around agent calls: validation, fallbacks, guards, resumes, routing and review decisions.</summary>
internal sealed partial class RunSpans
{
    private void OnResumed(RunState state, RunResumed resumed)
    {
        SpanClock.AddEvent(_run, "run_resumed", resumed.Timestamp, new() { ["baton.resumed.events_before"] = resumed.EventsBefore });
        if (!state.HasCallInFlight || _step is not null || state.LastAgent is not { } agent)
        {
            return;
        }

        // The call sent before the interruption is sent again: its step continues from here.
        var activity = SpanClock.Start($"{BatonTelemetry.HandoffOperation} {agent}", _run?.Context ?? default, resumed.Timestamp);
        activity?.SetTag(TelemetryTags.OperationName, BatonTelemetry.HandoffOperation);
        activity?.SetTag(TelemetryTags.RunId, resumed.RunId);
        activity?.SetTag(TelemetryTags.Step, state.StepCount);
        activity?.SetTag(TelemetryTags.HandoffTarget, agent);
        activity?.SetTag(TelemetryTags.AgentName, agent);
        activity?.SetTag(TelemetryTags.RunResumed, true);
        var call = SpanClock.Start($"{BatonTelemetry.InvokeAgentOperation} {agent}", activity?.Context ?? _run?.Context ?? default, resumed.Timestamp);
        call?.SetTag(TelemetryTags.OperationName, BatonTelemetry.InvokeAgentOperation);
        call?.SetTag(TelemetryTags.AgentName, agent);
        call?.SetTag(TelemetryTags.RunId, resumed.RunId);
        call?.SetTag(TelemetryTags.Step, state.StepCount);
        call?.SetTag(TelemetryTags.RunResumed, true);
        _step = new StepSpan { Step = state.StepCount, Agent = agent, Start = resumed.Timestamp, Activity = activity, Call = call, HasContextTokens = true, CountedFallbacks = _projection.Find(state.StepCount)?.Fallbacks ?? 0 };
    }

    private void OnValidationFailed(ValidationFailed failed)
    {
        _instruments.ValidationFailures.Add(1, new KeyValuePair<string, object?>(TelemetryTags.AgentName, failed.Agent));

        var tags = new ActivityTagsCollection
        {
            [TelemetryTags.AgentName] = failed.Agent,
            [TelemetryTags.Attempt] = failed.Attempt,
            ["baton.validation.contract"] = failed.Contract,
            ["baton.validation.errors"] = failed.Errors.Length,
            ["baton.validation.next"] = failed.Next,
        };
        if (_options.IncludeContent)
        {
            tags["baton.validation.details"] = string.Join('\n', failed.Errors.Select(e => e.ToString()));
        }

        SpanClock.AddEvent(_step?.Activity ?? _run, failed.Kind, failed.Timestamp, tags);
    }

    private void OnFallbackUsed(FallbackUsed fallback)
    {
        // Counted once here; the output recorded via this path is not counted again (the projection knows).
        CountFallbacks(fallback.Step, fallback.Agent, fallback.Via);
        SpanClock.AddEvent(_step?.Activity ?? _run, fallback.Kind, fallback.Timestamp, new() { [TelemetryTags.ServedBy] = fallback.Via.Value });
    }

    private void OnGuardTriggered(GuardTriggered guard)
    {
        _guardCounted = true;
        _instruments.GuardStops.Add(
            1,
            new KeyValuePair<string, object?>(TelemetryTags.RunStatus, guard.Status.ToString()),
            new KeyValuePair<string, object?>("baton.guard", guard.Guard.Value));
        SpanClock.AddEvent(_run, guard.Kind, guard.Timestamp, new()
        {
            ["baton.guard"] = guard.Guard.Value,
            [TelemetryTags.RunStatus] = guard.Status.ToString(),
            ["baton.guard.fallback"] = guard.Fallback,
            [TelemetryTags.Orchestration] = guard.Orchestration,
        });
    }

    private void OnOther(JournalEvent e)
    {
        var tags = new ActivityTagsCollection { [TelemetryTags.Step] = e.Step, [TelemetryTags.AgentName] = e.Agent };
        switch (e)
        {
            case RoutingDecided routing:
                tags["baton.routing.next_agent"] = routing.NextAgent;
                tags["baton.routing.supervisor"] = routing.Supervisor;
                if (_options.IncludeContent)
                {
                    tags["baton.routing.reasoning"] = routing.Reasoning;
                }

                break;
            case ReviewVerdictRecorded verdict:
                tags["baton.review.loop"] = verdict.Loop;
                tags["baton.review.round"] = verdict.Round;
                tags["baton.review.verdict"] = verdict.Verdict.Value;
                if (_options.IncludeContent)
                {
                    tags["baton.review.feedback"] = verdict.Feedback;
                }

                break;
            case InputRequested requested:
                tags["baton.input.expects"] = requested.Expects.ToString();
                tags["baton.input.due_at"] = requested.DueAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                if (_options.IncludeContent)
                {
                    // Who is asked and who answers are personal data: on spans only with content.
                    tags["baton.input.assignee"] = requested.Assignee;
                    tags["baton.input.question"] = requested.Question;
                }

                break;
            case InputProvided provided when _options.IncludeContent:
                tags["baton.input.respondent"] = provided.Respondent;
                break;
            case ContextCompressed compressed:
                tags["baton.context.budget"] = compressed.Budget;
                tags["baton.context.tokens_before"] = compressed.TokensBefore;
                tags["baton.context.tokens_after"] = compressed.TokensAfter;
                break;
            default:
                break;
        }

        var onStep = _step is { } step && step.Step == e.Step;
        SpanClock.AddEvent(onStep ? _step!.Activity : _run, e.Kind, e.Timestamp, tags);
    }
}
