using System.Collections.Concurrent;
using Baton.Journal;

namespace Baton.Telemetry;

/// <summary>
/// Turns journal events into OpenTelemetry spans and metrics: a span per run (<c>invoke_workflow</c>), a span per
/// handoff (source and target agent, context size, payload digest, validation outcome, retries and fallbacks), and
/// a span per agent call (<c>invoke_agent</c>, with the GenAI token usage attributes).
/// </summary>
/// <remarks>
/// <para>Telemetry reads the journal: every span's start and end are the timestamps of the events that open and
/// close it, so spans are right for replayed runs and for journals exported after the fact (<see cref="Export"/>).</para>
/// <para>Message content is put on spans only when <see cref="BatonTelemetryOptions.IncludeContent"/> is set.</para>
/// <para>Thread-safe: one observer may watch many concurrent runs. A run's spans are kept until its
/// <see cref="RunEnded"/> event; a run abandoned without one keeps its open spans until the observer is dropped.</para>
/// </remarks>
public sealed class TelemetryRunObserver : IRunObserver
{
    private readonly TelemetrySettings _options;
    private readonly TelemetryInstruments _instruments;
    private readonly ConcurrentDictionary<string, RunSpans> _runs = new(StringComparer.Ordinal);

    /// <summary>Creates the observer.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults (no content on spans).</param>
    /// <exception cref="Orchestration.OrchestrationConfigurationException">The options are not valid.</exception>
    public TelemetryRunObserver(BatonTelemetryOptions? options = null)
    {
        options ??= new BatonTelemetryOptions();
        _options = options.Snapshot();
        _instruments = TelemetryInstruments.Create(options.MeterFactory);
    }

    /// <inheritdoc />
    public void OnEvent(RunState state, JournalEvent journalEvent)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(journalEvent);
        RunSpans? spans;
        switch (journalEvent)
        {
            case RunStarted started:
                spans = new RunSpans(_instruments, _options, state, started.Timestamp, resumed: false);
                _runs[started.RunId] = spans;
                break;
            case RunResumed:
                // A run resumed by another process (or after a crash) continues in a new run span from its original start.
                spans = _runs.GetOrAdd(journalEvent.RunId, _ => new RunSpans(_instruments, _options, state, state.StartedAt, resumed: true));
                break;
            default:
                if (!_runs.TryGetValue(journalEvent.RunId, out spans))
                {
                    return;
                }

                break;
        }

        lock (spans)
        {
            spans.On(state, journalEvent);
        }

        if (journalEvent is RunEnded)
        {
            _runs.TryRemove(journalEvent.RunId, out _);
        }
    }

    /// <summary>
    /// Emits the spans and metrics of a stored run's journal, as if the observer had watched it live; the spans carry
    /// the journal's own timestamps.
    /// </summary>
    /// <param name="journal">The run's events, in sequence order, from its first event.</param>
    /// <exception cref="InvalidOperationException">The events do not start with <see cref="RunStarted"/> or skip a sequence number.</exception>
    public void Export(IEnumerable<JournalEvent> journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var state = RunState.CreateEmpty();
        foreach (var e in journal)
        {
            state.Apply(e);
            OnEvent(state, e);
        }
    }
}
