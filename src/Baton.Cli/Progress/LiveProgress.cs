using Baton.Cli.Output;
using Baton.Journal;

namespace Baton.Cli.Progress;

/// <summary>
/// Shows a live status line on a terminal (current agent, step, tokens, elapsed) below the finished steps, through
/// the CLI's redacting console like every other output.
/// </summary>
internal sealed class LiveProgress : IRunObserver, IDisposable
{
    /// <summary>The widest status line drawn: narrower than any terminal, so it never wraps.</summary>
    public const int StatusWidth = 79;

    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(200);

    private readonly SafeConsoleWriter _output;
    private readonly TimeProvider _timeProvider;
    private readonly PlainProgress _lines;
    private readonly long _started;
    private readonly Lock _gate = new();
    private string _agent = "starting";
    private int _step;
    private int _maxSteps;
    private long _tokens;
    private ITimer? _timer;
    private bool _stopped;

    public LiveProgress(SafeConsoleWriter output, TimeProvider timeProvider)
    {
        _output = output;
        _timeProvider = timeProvider;
        _lines = new PlainProgress(TextWriter.Null, timeProvider);
        _started = timeProvider.GetTimestamp();
    }

    public void OnEvent(RunState state, JournalEvent journalEvent)
    {
        lock (_gate)
        {
            _step = state.StepCount;
            _maxSteps = state.Limits.MaxSteps;
            _tokens = state.TotalTokens;
            if (journalEvent is HandoffRecorded handoff)
            {
                _agent = handoff.To;
                _step = handoff.Step;
            }
        }

        if (_lines.Describe(state, journalEvent) is { } line)
        {
            _output.WriteLine(line);
        }

        Refresh();
    }

    /// <summary>Starts ticking the status line; dispose the result to stop and remove it.</summary>
    public IDisposable Start()
    {
        _timer = _timeProvider.CreateTimer(_ => Refresh(), null, s_tick, s_tick);
        Refresh();
        return this;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            _timer?.Dispose();
            _output.ShowStatus(null, StatusWidth);
        }
    }

    internal string StatusText()
    {
        lock (_gate)
        {
            return $"{_agent} · step {_step}/{_maxSteps} · {_tokens} tokens · {_timeProvider.GetElapsedTime(_started).TotalSeconds:F1} s";
        }
    }

    private void Refresh()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            try
            {
                _output.ShowStatus(StatusText(), StatusWidth);
            }
            catch (IOException)
            {
                // The terminal went away; the run goes on and its journal still records everything.
                _stopped = true;
            }
        }
    }
}
