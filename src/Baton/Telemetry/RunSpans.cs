using System.Diagnostics;
using Baton.Journal;

namespace Baton.Telemetry;

/// <summary>Turns one run's journal events into spans and metrics. Not thread-safe: the observer locks it.</summary>
/// <remarks>
/// <para>This file handles the agent-call lifecycle; RunSpans.Events.cs handles validation, fallbacks, guards, resumes
/// and orchestration events.</para>
/// <para>Per-step figures (retries, fallbacks, validation failures, tokens, the validation outcome) come from the
/// journal's <see cref="StepProjection"/>, not from counters of its own.</para>
/// </remarks>
internal sealed partial class RunSpans
{
    private readonly TelemetryInstruments _instruments;
    private readonly TelemetrySettings _options;
    private readonly StepProjection _projection = new();
    private readonly Activity? _run;
    private StepSpan? _step;
    private Activity? _orphanCall;
    private bool _guardCounted;

    public RunSpans(TelemetryInstruments instruments, TelemetrySettings options, RunState state, DateTimeOffset start, bool resumed)
    {
        _instruments = instruments;
        _options = options;
        _run = SpanClock.Start($"{BatonTelemetry.InvokeWorkflowOperation} {state.Orchestration}", default, start);
        if (_run is null)
        {
            return;
        }

        _run.SetTag(TelemetryTags.OperationName, BatonTelemetry.InvokeWorkflowOperation);
        _run.SetTag(TelemetryTags.RunId, state.RunId);
        _run.SetTag(TelemetryTags.Orchestration, state.Orchestration);
        _run.SetTag(TelemetryTags.MaxSteps, state.Limits.MaxSteps);
        _run.SetTag(TelemetryTags.TokenBudget, state.Limits.TokenBudget);
        if (resumed)
        {
            _run.SetTag(TelemetryTags.RunResumed, true);
        }

        if (options.IncludeContent && state.Context is { } context)
        {
            _run.SetTag(TelemetryTags.RunTask, context.OriginalTask);
            _run.SetTag(TelemetryTags.RunIntent, context.Intent);
        }
    }

    public void On(RunState state, JournalEvent e)
    {
        _projection.Apply(e);
        switch (e)
        {
            case RunStarted:
                break;
            case RunResumed resumed:
                OnResumed(state, resumed);
                break;
            case HandoffRecorded handoff:
                OnHandoff(state, handoff);
                break;
            case AgentCalled called:
                OnCalled(called);
                break;
            case AgentAnswered answered:
                OnAnswered(answered);
                break;
            case AgentFailed failed:
                OnFailed(failed);
                break;
            case OutputRecorded { Step: > 0 } recorded:
                OnOutput(recorded);
                break;
            case RunEnded ended:
                OnEnded(state, ended);
                break;
            case ValidationFailed failed:
                OnValidationFailed(failed);
                break;
            case FallbackUsed fallback:
                OnFallbackUsed(fallback);
                break;
            case GuardTriggered guard:
                OnGuardTriggered(guard);
                break;
            default:
                OnOther(e);
                break;
        }
    }

    private void OnHandoff(RunState state, HandoffRecorded handoff)
    {
        EndStep(handoff.Timestamp);
        var name = handoff.From is null
            ? $"{BatonTelemetry.HandoffOperation} {handoff.To}"
            : $"{BatonTelemetry.HandoffOperation} {handoff.From} -> {handoff.To}";
        var activity = SpanClock.Start(name, _run?.Context ?? default, handoff.Timestamp);
        _step = new StepSpan { Step = handoff.Step, Agent = handoff.To, Source = handoff.From, Start = handoff.Timestamp, Activity = activity };
        _instruments.Handoffs.Add(
            1,
            new KeyValuePair<string, object?>(TelemetryTags.HandoffSource, handoff.From ?? "(start)"),
            new KeyValuePair<string, object?>(TelemetryTags.HandoffTarget, handoff.To));
        if (activity is null)
        {
            return;
        }

        var payload = TelemetryContent.Payload(state.Context, handoff.Outputs);
        activity.SetTag(TelemetryTags.OperationName, BatonTelemetry.HandoffOperation);
        activity.SetTag(TelemetryTags.RunId, handoff.RunId);
        activity.SetTag(TelemetryTags.Step, handoff.Step);
        activity.SetTag(TelemetryTags.HandoffSource, handoff.From);
        activity.SetTag(TelemetryTags.HandoffTarget, handoff.To);
        activity.SetTag(TelemetryTags.AgentName, handoff.To);
        activity.SetTag(TelemetryTags.HandoffOutputs, handoff.Outputs.ToArray());
        activity.SetTag(TelemetryTags.HandoffDigest, TelemetryContent.Digest(payload, _options.DigestLength));
        activity.SetTag(TelemetryTags.ContextTokens, TelemetryContent.EstimateTokens(payload.Length));
        activity.SetTag(TelemetryTags.ContextTokensEstimated, true);
        if (_options.IncludeContent)
        {
            activity.SetTag(TelemetryTags.HandoffPayload, payload);
            activity.SetTag(TelemetryTags.HandoffNote, handoff.Note);
        }
    }

    private void OnCalled(AgentCalled called)
    {
        var step = _step is { } s && s.Step == called.Step ? s : null;
        var parent = step?.Activity ?? _run;
        var call = SpanClock.Start($"{BatonTelemetry.InvokeAgentOperation} {called.Agent}", parent?.Context ?? default, called.Timestamp);
        SpanClock.Stop(step?.Call ?? _orphanCall, called.Timestamp);
        if (step is not null)
        {
            step.Call = call;
        }
        else
        {
            _orphanCall = call;
        }

        if (called.Attempt > 1)
        {
            _instruments.Retries.Add(1, new KeyValuePair<string, object?>(TelemetryTags.AgentName, called.Agent));
        }

        var contextTokens = called.ContextTokens ?? TelemetryContent.EstimateTokens(called.Messages);
        var estimated = called.ContextTokens is null;
        if (step is { HasContextTokens: false, Activity: { } handoff })
        {
            // What the receiver actually got: the whole prompt of its first call, counted by the run's token counter when there is one.
            handoff.SetTag(TelemetryTags.ContextTokens, contextTokens);
            handoff.SetTag(TelemetryTags.ContextTokensEstimated, estimated);
            step.HasContextTokens = true;
        }

        if (call is null)
        {
            return;
        }

        call.SetTag(TelemetryTags.OperationName, BatonTelemetry.InvokeAgentOperation);
        call.SetTag(TelemetryTags.AgentName, called.Agent);
        call.SetTag(TelemetryTags.RunId, called.RunId);
        call.SetTag(TelemetryTags.Step, called.Step);
        call.SetTag(TelemetryTags.Attempt, called.Attempt);
        call.SetTag(TelemetryTags.RequestHash, called.RequestHash);
        call.SetTag(TelemetryTags.ContextTokens, contextTokens);
        call.SetTag(TelemetryTags.ContextTokensEstimated, estimated);
        if (_options.IncludeContent)
        {
            var system = called.Messages.Where(m => m.Role == "system").Select(m => m.Text).ToList();
            if (system.Count > 0)
            {
                call.SetTag(TelemetryTags.SystemInstructions, string.Join('\n', system));
            }

            call.SetTag(TelemetryTags.InputMessages, TelemetryContent.Messages(called.Messages.Where(m => m.Role != "system")));
        }
    }

    private void OnAnswered(AgentAnswered answered)
    {
        var agentTag = new KeyValuePair<string, object?>(TelemetryTags.AgentName, answered.Agent);
        if (answered.InputTokens is { } input)
        {
            _instruments.Tokens.Add(input, agentTag, new KeyValuePair<string, object?>(TelemetryTags.TokenType, "input"));
        }

        if (answered.OutputTokens is { } output)
        {
            _instruments.Tokens.Add(output, agentTag, new KeyValuePair<string, object?>(TelemetryTags.TokenType, "output"));
        }

        if (answered.Retries > 0)
        {
            _instruments.Retries.Add(answered.Retries, agentTag);
        }

        CountFallbacks(answered.Step, answered.Agent, answered.ServedBy);

        var call = TakeCall(answered.Step);
        if (call is null)
        {
            return;
        }

        call.SetTag(TelemetryTags.InputTokens, answered.InputTokens);
        call.SetTag(TelemetryTags.OutputTokens, answered.OutputTokens);
        call.SetTag(TelemetryTags.ResponseModel, answered.ModelId);
        call.SetTag(TelemetryTags.ServedBy, answered.ServedBy.Value);
        call.SetTag(TelemetryTags.Retries, answered.Retries);
        if (answered.FinishReason is { } reason)
        {
            call.SetTag(TelemetryTags.FinishReasons, new[] { reason });
        }

        if (_options.IncludeContent)
        {
            call.SetTag(TelemetryTags.OutputMessages, TelemetryContent.Messages([new JournalMessage("assistant", answered.Text)]));
        }

        SpanClock.Stop(call, answered.Timestamp);
    }

    private void OnFailed(AgentFailed failed)
    {
        if (failed.Retries > 0)
        {
            _instruments.Retries.Add(failed.Retries, new KeyValuePair<string, object?>(TelemetryTags.AgentName, failed.Agent));
        }

        var call = TakeCall(failed.Step);
        if (call is null)
        {
            return;
        }

        call.SetTag(TelemetryTags.ErrorType, failed.ErrorType);
        call.SetStatus(ActivityStatusCode.Error, failed.Message);
        SpanClock.Stop(call, failed.Timestamp);
    }

    private void OnOutput(OutputRecorded recorded)
    {
        if (_step is not { } step || step.Step != recorded.Step)
        {
            SpanClock.AddEvent(_run, "output_recorded", recorded.Timestamp, new() { [TelemetryTags.OutputName] = recorded.Name });
            return;
        }

        CountFallbacks(recorded.Step, recorded.Agent, recorded.Via);

        step.Activity?.SetTag(TelemetryTags.OutputName, recorded.Name);
        step.Activity?.SetTag(TelemetryTags.OutputVia, recorded.Via.Value);
        EndStep(recorded.Timestamp);
    }

    private void OnEnded(RunState state, RunEnded ended)
    {
        EndStep(ended.Timestamp);
        SpanClock.Stop(_orphanCall, ended.Timestamp);
        var status = new KeyValuePair<string, object?>(TelemetryTags.RunStatus, ended.Status.ToString());
        _instruments.Runs.Add(1, status);
        if (!_guardCounted && ended.Status is RunStatus.StepLimitReached or RunStatus.RoundLimitReached or RunStatus.LoopDetected
            or RunStatus.BudgetExhausted or RunStatus.DeadlineExceeded)
        {
            _instruments.GuardStops.Add(1, status);
        }

        if (_run is null)
        {
            return;
        }

        _run.SetTag(TelemetryTags.RunStatus, ended.Status.ToString());
        _run.SetTag(TelemetryTags.RunReason, ended.Reason);
        _run.SetTag(TelemetryTags.RunSteps, state.StepCount);
        _run.SetTag(TelemetryTags.InputTokens, state.InputTokens);
        _run.SetTag(TelemetryTags.OutputTokens, state.OutputTokens);
        // A run that waits for a person did not fail: it ends this execution, and an answer continues it in a new span.
        if (ended.Status is not (RunStatus.Completed or RunStatus.AwaitingInput))
        {
            _run.SetTag(TelemetryTags.ErrorType, ended.Status.ToString());
            _run.SetStatus(ActivityStatusCode.Error, ended.Reason);
        }

        SpanClock.Stop(_run, ended.Timestamp);
    }

    private Activity? TakeCall(int stepNumber)
    {
        if (_step is { } step && step.Step == stepNumber && step.Call is { } call)
        {
            step.Call = null;
            return call;
        }

        var orphan = _orphanCall;
        _orphanCall = null;
        return orphan;
    }

    /// <summary>Emits the fallback metric for every fallback the projection counted in the step since the last time.</summary>
    private void CountFallbacks(int stepNumber, string? agent, OutputVia via)
    {
        if (_step is not { } step || step.Step != stepNumber || _projection.Find(stepNumber) is not { } summary)
        {
            if (!via.IsPrimary)
            {
                _instruments.Fallbacks.Add(1, new KeyValuePair<string, object?>(TelemetryTags.AgentName, agent), new KeyValuePair<string, object?>(TelemetryTags.ServedBy, via.Value));
            }

            return;
        }

        for (; step.CountedFallbacks < summary.Fallbacks; step.CountedFallbacks++)
        {
            _instruments.Fallbacks.Add(1, new KeyValuePair<string, object?>(TelemetryTags.AgentName, agent), new KeyValuePair<string, object?>(TelemetryTags.ServedBy, via.Value));
        }
    }

    private void EndStep(DateTimeOffset end)
    {
        if (_step is not { } step)
        {
            return;
        }

        _step = null;
        SpanClock.Stop(step.Call, end);
        var summary = _projection.Find(step.Step);
        var outcome = summary?.ValidationOutcome ?? "none";
        _instruments.StepDuration.Record(
            Math.Max(0, (end - step.Start).TotalSeconds),
            new KeyValuePair<string, object?>(TelemetryTags.AgentName, step.Agent),
            new KeyValuePair<string, object?>(TelemetryTags.ValidationOutcome, outcome));
        if (step.Activity is not { } activity)
        {
            return;
        }

        activity.SetTag(TelemetryTags.ValidationOutcome, outcome);
        activity.SetTag(TelemetryTags.HandoffRetries, (summary?.Retries ?? 0) + (summary?.Reasks ?? 0));
        activity.SetTag(TelemetryTags.HandoffFallbacks, summary?.Fallbacks ?? 0);
        activity.SetTag(TelemetryTags.HandoffValidationFailures, summary?.ValidationFailures ?? 0);
        activity.SetTag(TelemetryTags.InputTokens, summary?.InputTokens ?? 0);
        activity.SetTag(TelemetryTags.OutputTokens, summary?.OutputTokens ?? 0);
        if (summary is { HasOutput: false } && (summary.HasFailedCall || summary.ValidationFailures > 0))
        {
            activity.SetStatus(ActivityStatusCode.Error, $"Agent '{step.Agent}' produced no usable output in step {step.Step}.");
        }

        SpanClock.Stop(activity, end);
    }
}
