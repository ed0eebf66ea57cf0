using Baton.Journal;
using Spectre.Console;

namespace Baton.Cli.Progress;

/// <summary>Shows a live status line on a terminal (current agent, step, tokens, elapsed) above the finished steps.</summary>
internal sealed class LiveProgress(TimeProvider timeProvider) : IRunObserver
{
    private readonly PlainProgress _lines = new(TextWriter.Null, timeProvider);
    private readonly long _started = timeProvider.GetTimestamp();
    private string _agent = "starting";
    private int _step;
    private int _maxSteps;
    private long _tokens;
    private StatusContext? _status;

    public void OnEvent(RunState state, JournalEvent journalEvent)
    {
        _step = state.StepCount;
        _maxSteps = state.Limits.MaxSteps;
        _tokens = state.TotalTokens;
        if (journalEvent is HandoffRecorded handoff)
        {
            _agent = handoff.To;
            _step = handoff.Step;
        }

        if (_lines.Describe(state, journalEvent) is { } line)
        {
            AnsiConsole.MarkupLine(Markup.Escape(line));
        }

        _status?.Status(StatusText());
    }

    private string StatusText() =>
        Markup.Escape($"{_agent} · step {_step}/{_maxSteps} · {_tokens} tokens · {timeProvider.GetElapsedTime(_started).TotalSeconds:F1} s");

    public async Task<T> RunAsync<T>(Func<Task<T>> run)
    {
        return await AnsiConsole.Status().StartAsync("starting", async context =>
        {
            _status = context;
            // On the thread pool, so the status line keeps ticking even while the run's work is synchronous.
            var work = Task.Run(run);
            while (!work.IsCompleted)
            {
                context.Status(StatusText());
                await Task.WhenAny(work, Task.Delay(TimeSpan.FromMilliseconds(200), timeProvider)).ConfigureAwait(false);
            }

            return await work.ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
