using System.Collections.Immutable;
using System.Text.Json;
using Baton.Agents;
using Baton.Context;
using Baton.Journal;
using Microsoft.Extensions.AI;

namespace Baton.Orchestration;

/// <summary>
/// One execution of a run: the orchestrations' only way to call agents and write the journal.
/// </summary>
/// <remarks>
/// <para>Every state the session exposes (<see cref="State"/>, <see cref="Context"/>) is folded from the journal,
/// so any worker holding the journal can continue the run.</para>
/// <para><b>Resume.</b> A resumed session re-executes the orchestration from the start against the recorded
/// journal: each event the orchestration would write must match the recorded one (kind, step, agent, request hash),
/// and a recorded answer is returned without calling the model. Orchestration code must therefore be
/// deterministic given the answers it receives. Once the recording is exhausted the session goes live; a call
/// that was sent but never answered is sent again (at-least-once for in-flight calls, exactly-once for recorded ones).</para>
/// <para>Not thread-safe: one orchestration drives one session at a time.</para>
/// </remarks>
public sealed class RunSession
{
    private readonly IRunStore _store;
    private readonly RunObservers _observers;
    private readonly IReadOnlyList<JournalEvent> _recorded;
    private readonly List<JournalEvent> _events;
    private int _position;
    private bool _resumeMarked;
    private CancellationTokenSource? _deadlineSource;

    internal RunSession(string runId, IRunStore store, TimeProvider timeProvider, RunObservers observers, IReadOnlyList<JournalEvent> recorded)
    {
        RunId = runId;
        _store = store;
        TimeProvider = timeProvider;
        _observers = observers;
        _recorded = recorded;
        _events = new List<JournalEvent>(Math.Max(16, recorded.Count + 8));
        State = RunState.CreateEmpty();
    }

    /// <summary>Gets the run id.</summary>
    public string RunId { get; }

    /// <summary>Gets the clock of the run.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets the run's state, folded from its journal.</summary>
    public RunState State { get; }

    /// <summary>Gets the current context (a projection of the journal).</summary>
    public HandoffContext Context => State.Context ?? throw new InvalidOperationException("The run has not started.");

    /// <summary>Gets whether the session is still re-executing recorded events (a resume that has not caught up).</summary>
    public bool IsReplaying => _position < _recorded.Count;

    /// <summary>Gets the token counter the run uses for context sizes and budgets, if one is configured.</summary>
    public Compression.ITokenCounter? TokenCounter { get; internal init; }

    /// <summary>Gets the compressor for agents over their context budget that do not set their own, if one is configured.</summary>
    public Compression.IContextCompressor? ContextCompressor { get; internal init; }

    /// <summary>Gets the redactor applied to every event before it is written, if one is configured.</summary>
    internal Secrets.SecretRedactor? Redactor { get; init; }

    // Lease (issue 12, "store" slice): the epoch this execution writes under and who holds it. The runner sets them:
    // epoch 1 for a new run, the recorded lease's epoch + 1 for a resume. Every event this session writes carries the
    // epoch, and the store refuses it once a newer execution has taken the run (LeaseLostException).
    internal long LeaseEpoch { get; init; }

    internal string? LeaseOwner { get; init; }

    /// <summary>Gets the journal so far (recorded and new events), in order.</summary>
    public IReadOnlyList<JournalEvent> Events => _events;

    /// <summary>
    /// Appends an event to the journal, stamping run id, sequence and timestamp. While replaying, checks the event
    /// against the recorded one and returns the recorded event instead of writing.
    /// </summary>
    /// <typeparam name="TEvent">The event type.</typeparam>
    /// <param name="journalEvent">The event (its run id, sequence and timestamp are overwritten).</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>The event as stored.</returns>
    /// <exception cref="ReplayMismatchException">While replaying, the event differs from the recorded one.</exception>
    public async ValueTask<TEvent> AppendAsync<TEvent>(TEvent journalEvent, CancellationToken cancellationToken = default)
        where TEvent : JournalEvent
    {
        ArgumentNullException.ThrowIfNull(journalEvent);
        SkipRecordedResumes();
        if (IsReplaying)
        {
            var recorded = _recorded[_position];
            ReplayMismatchException.ThrowIfDifferent(recorded, journalEvent);
            _position++;
            Fold(recorded);
            return (TEvent)recorded;
        }

        await MarkResumedAsync(cancellationToken).ConfigureAwait(false);
        return await WriteAsync(journalEvent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks the run-wide guards (step count, deadline, token budget) before a new step.</summary>
    /// <returns><see cref="StepOutcome.Completed"/> when another step may begin; otherwise why the run must stop.</returns>
    public StepOutcome CheckGuards()
    {
        var limits = State.Limits;
        if (State.StepCount >= limits.MaxSteps)
        {
            return StepOutcome.Stop(RunStatus.StepLimitReached, $"The run reached its limit of {limits.MaxSteps} steps (RunLimits.MaxSteps).");
        }

        if (limits.TokenBudget is { } budget && State.TotalTokens >= budget)
        {
            return StepOutcome.Stop(RunStatus.BudgetExhausted, $"The run used {State.TotalTokens} tokens of its budget of {budget} (RunLimits.TokenBudget).");
        }

        if (!IsReplaying && limits.Deadline is { } deadline && TimeProvider.GetUtcNow() - State.StartedAt >= deadline)
        {
            return StepOutcome.Stop(RunStatus.DeadlineExceeded, $"The run passed its deadline of {deadline} (RunLimits.Deadline).");
        }

        return StepOutcome.Completed;
    }

    /// <summary>
    /// Runs one agent turn: checks the guards, records the handoff, builds the agent's prompt from its view of the
    /// context, calls the model (or replays the recorded answer), parses the reply and records the output.
    /// </summary>
    /// <param name="agent">The agent.</param>
    /// <param name="turn">How to run the turn; <see langword="null"/> for <see cref="AgentTurn.Default"/>.</param>
    /// <param name="cancellationToken">The caller's token; cancellation ends the run as cancelled.</param>
    /// <returns>The turn's result.</returns>
    public async ValueTask<AgentTurnResult> InvokeAgentAsync(Agent agent, AgentTurn? turn = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        turn ??= AgentTurn.Default;
        cancellationToken.ThrowIfCancellationRequested();

        var guard = CheckGuards();
        if (!guard.IsCompleted)
        {
            return new AgentTurnResult { Outcome = guard };
        }

        var step = State.StepCount + 1;
        var reads = turn.Reads ?? agent.Reads;
        await AppendAsync(
            new HandoffRecorded
            {
                Step = step,
                Agent = agent.Name,
                From = State.LastAgent,
                To = agent.Name,
                Outputs = reads ?? [.. Context.Outputs.Keys.Order(StringComparer.Ordinal)],
                Note = turn.Note,
            },
            cancellationToken).ConfigureAwait(false);

        var view = await Compression.ContextBudgeting.ApplyAsync(this, agent, step, Context.ForAgent(agent.Name, reads, turn.Note), reads, cancellationToken).ConfigureAwait(false);
        var turnOutcome = await AgentTurnRunner.RunAsync(this, agent, step, view, cancellationToken).ConfigureAwait(false);
        if (turnOutcome.Value is not { } value)
        {
            return new AgentTurnResult { Outcome = turnOutcome.Outcome, Step = step, Text = turnOutcome.Text };
        }

        var outputName = turn.OutputName ?? agent.OutputName;
        if (turn.RecordOutput)
        {
            await RecordOutputAsync(agent.Name, step, outputName, value, turnOutcome.Via, cancellationToken).ConfigureAwait(false);
        }

        return new AgentTurnResult
        {
            Outcome = StepOutcome.Completed,
            Step = step,
            Text = turnOutcome.Text,
            Value = value,
            OutputName = turn.RecordOutput ? outputName : null,
        };
    }

    /// <summary>Records an output in the context (and the journal).</summary>
    /// <param name="agent">The agent that produced it.</param>
    /// <param name="step">The step it was produced in.</param>
    /// <param name="name">The output name.</param>
    /// <param name="value">The value.</param>
    /// <param name="via">Which path produced it (<c>primary</c> or a fallback's name).</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>The recorded event.</returns>
    public ValueTask<OutputRecorded> RecordOutputAsync(string agent, int step, string name, JsonElement value, string via = "primary", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return AppendAsync(
            new OutputRecorded { Step = step, Agent = agent, Name = name, Value = value, Via = via, Summary = Summarize(name, value, via) },
            cancellationToken);
    }

    /// <summary>
    /// Sends one model call for an agent and records it: <see cref="AgentCalled"/> before, then
    /// <see cref="AgentAnswered"/> or <see cref="AgentFailed"/>. While replaying, returns the recorded answer
    /// without calling the model.
    /// </summary>
    /// <param name="agent">The agent whose client is called.</param>
    /// <param name="step">The step number.</param>
    /// <param name="attempt">The attempt within the step (1 for the first call).</param>
    /// <param name="messages">The messages to send.</param>
    /// <param name="options">The chat options, if any (cloned, never mutated).</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The call's result.</returns>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async ValueTask<ModelCallResult> CallModelAsync(
        Agent agent, int step, int attempt, IList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(messages);
        var journalMessages = ImmutableArray.CreateBuilder<JournalMessage>(messages.Count);
        foreach (var m in messages)
        {
            journalMessages.Add(new JournalMessage(m.Role.Value, m.Text));
        }

        await AppendAsync(
            new AgentCalled
            {
                Step = step,
                Agent = agent.Name,
                Attempt = attempt,
                Messages = journalMessages.MoveToImmutable(),
                RequestHash = RequestFingerprint.Compute(messages, options),
                ContextTokens = CountContextTokens(agent, messages),
            },
            cancellationToken).ConfigureAwait(false);

        SkipRecordedResumes();
        if (IsReplaying)
        {
            var recorded = _recorded[_position];
            switch (recorded)
            {
                case AgentAnswered answered when answered.Step == step && answered.Agent == agent.Name:
                    _position++;
                    Fold(recorded);
                    return ModelCallResult.Answered(answered);
                case AgentFailed failed when failed.Step == step && failed.Agent == agent.Name:
                    _position++;
                    Fold(recorded);
                    return ModelCallResult.Failed(agent.Name, step, failed.ErrorType, failed.Message);
                default:
                    throw new ReplayMismatchException(
                        $"Run '{RunId}': after agent '{agent.Name}' was called at step {step}, the journal holds {recorded.Kind} (event #{recorded.Sequence}) instead of its answer.");
            }
        }

        await MarkResumedAsync(cancellationToken).ConfigureAwait(false);
        return await SendAsync(agent, step, attempt, messages, options, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<ModelCallResult> SendAsync(
        Agent agent, int step, int attempt, IList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var deadlineSource = GetDeadlineSource();
        using var linked = deadlineSource is null || !cancellationToken.CanBeCanceled ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadlineSource.Token);
        var started = TimeProvider.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await agent.Client.GetResponseAsync(messages, options?.Clone(), linked?.Token ?? deadlineSource?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (deadlineSource?.IsCancellationRequested == true)
        {
            var latency = TimeProvider.GetElapsedTime(started).TotalMilliseconds;
            await WriteAsync(new AgentFailed { Step = step, Agent = agent.Name, Attempt = attempt, ErrorType = "DeadlineExceeded", Message = "The run's deadline passed during the call.", LatencyMs = latency }, CancellationToken.None).ConfigureAwait(false);
            return new ModelCallResult(StepOutcome.Stop(RunStatus.DeadlineExceeded, $"The run passed its deadline of {State.Limits.Deadline} while agent '{agent.Name}' was working (step {step})."), null, "primary");
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ReplayMismatchException)
        {
            var latency = TimeProvider.GetElapsedTime(started).TotalMilliseconds;
            var failed = await WriteAsync(
                new AgentFailed { Step = step, Agent = agent.Name, Attempt = attempt, ErrorType = ex.GetType().Name, Message = ex.Message, LatencyMs = latency },
                CancellationToken.None).ConfigureAwait(false);
            return ModelCallResult.Failed(agent.Name, step, failed.ErrorType, failed.Message);
        }

        var elapsed = TimeProvider.GetElapsedTime(started).TotalMilliseconds;
        var answered = await WriteAsync(
            new AgentAnswered
            {
                Step = step,
                Agent = agent.Name,
                Attempt = attempt,
                Text = response.Text,
                InputTokens = response.Usage?.InputTokenCount,
                OutputTokens = response.Usage?.OutputTokenCount,
                LatencyMs = elapsed,
                ModelId = response.ModelId,
                FinishReason = response.FinishReason?.Value,
                ServedBy = response.AdditionalProperties?.TryGetValue(BatonChatResponseProperties.ServedBy, out string? servedBy) == true && servedBy is not null ? servedBy : "primary",
                Retries = response.AdditionalProperties?.TryGetValue(BatonChatResponseProperties.Retries, out int retries) == true ? retries : 0,
            },
            CancellationToken.None).ConfigureAwait(false);
        return ModelCallResult.Answered(answered);
    }

    internal async ValueTask StartAsync(RunStarted started, IEnumerable<HandoffOutput> initialOutputs, CancellationToken cancellationToken)
    {
        await WriteAsync(started, cancellationToken).ConfigureAwait(false);
        if (initialOutputs is ICollection<HandoffOutput> { Count: 0 })
        {
            return;
        }

        foreach (var output in initialOutputs.OrderBy(o => o.Step).ThenBy(o => o.Name, StringComparer.Ordinal))
        {
            await WriteAsync(
                new OutputRecorded { Step = 0, Agent = output.ProducedBy, Name = output.Name, Value = output.Value, Via = output.Via, Summary = Summarize(output.Name, output.Value, output.Via) },
                cancellationToken).ConfigureAwait(false);
        }
    }

    internal void ReplayPrologue()
    {
        // The run's first events (start and caller-provided outputs) were not written by the orchestration.
        while (_position < _recorded.Count && (_position == 0 || _recorded[_position] is OutputRecorded { Step: 0 }))
        {
            Fold(_recorded[_position++]);
        }
    }

    internal async ValueTask<RunEnded> EndAsync(RunStatus status, string reason, string? finalOutput)
    {
        // The end is always written live: a resumed run that already ended is never re-executed.
        _position = _recorded.Count;
        Interlocked.Exchange(ref _deadlineSource, null)?.Dispose();

        // Lease: a resume that never went live still takes its lease before it writes the end.
        await MarkResumedAsync(CancellationToken.None).ConfigureAwait(false);
        return await WriteAsync(new RunEnded { Status = status, Reason = reason, FinalOutput = finalOutput, Step = State.StepCount }, CancellationToken.None).ConfigureAwait(false);
    }

    private int? CountContextTokens(Agent agent, IList<ChatMessage> messages)
    {
        var counter = TokenCounter ?? (agent.ContextBudget is null ? null : Compression.TiktokenTokenCounter.Default);
        return counter is null ? null : messages.Sum(m => counter.CountTokens(m.Text));
    }

    private static string Summarize(string name, JsonElement value, string via)
    {
        var size = JsonText.Length(value);
        var kind = value.ValueKind switch
        {
            JsonValueKind.Object => "a JSON object",
            JsonValueKind.Array => "a JSON array",
            JsonValueKind.String => "text",
            _ => "a value",
        };
        return via == "primary"
            ? $"wrote '{name}' ({kind}, {size} chars)"
            : $"wrote '{name}' ({kind}, {size} chars) via {via}";
    }

    // One deadline timer per run rather than per call: the deadline is absolute (start + RunLimits.Deadline).
    private CancellationTokenSource? GetDeadlineSource()
    {
        var existing = Volatile.Read(ref _deadlineSource);
        if (existing is not null || State.Limits.Deadline is not { } deadline)
        {
            return existing;
        }

        var remaining = deadline - (TimeProvider.GetUtcNow() - State.StartedAt);
        var created = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1), TimeProvider);
        if (Interlocked.CompareExchange(ref _deadlineSource, created, null) is { } raced)
        {
            created.Dispose();
            return raced;
        }

        return created;
    }

    private void SkipRecordedResumes()
    {
        while (_position < _recorded.Count && _recorded[_position] is RunResumed)
        {
            Fold(_recorded[_position++]);
        }
    }

    private async ValueTask MarkResumedAsync(CancellationToken cancellationToken)
    {
        if (_resumeMarked || _recorded.Count == 0)
        {
            return;
        }

        _resumeMarked = true;

        // Lease: run_resumed takes the next epoch (LeaseEpoch) for LeaseOwner before this execution writes anything
        // else; of two resumers racing here, the store lets exactly one through.
        await WriteAsync(
            new RunResumed { Step = State.StepCount, EventsBefore = _recorded.Count, ResendsInFlightCall = State.HasCallInFlight, LeaseOwner = LeaseOwner },
            cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<TEvent> WriteAsync<TEvent>(TEvent journalEvent, CancellationToken cancellationToken)
        where TEvent : JournalEvent
    {
        journalEvent = Secrets.JournalRedaction.Apply(journalEvent, Redactor);
        var sequence = State.EventCount;
        var timestamp = TimeProvider.GetUtcNow();
        var stamped = journalEvent.TryStampInPlace(RunId, sequence, timestamp, LeaseEpoch)
            ? journalEvent
            : journalEvent with { RunId = RunId, Sequence = sequence, Timestamp = timestamp, LeaseEpoch = LeaseEpoch };
        await _store.AppendAsync(RunId, stamped.Sequence, [stamped], cancellationToken).ConfigureAwait(false);
        Fold(stamped);
        _observers.Notify(State, stamped);
        return stamped;
    }

    private void Fold(JournalEvent journalEvent)
    {
        State.Apply(journalEvent);
        _events.Add(journalEvent);
    }
}
