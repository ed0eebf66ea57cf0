using Microsoft.Extensions.Logging;

namespace Baton.Journal;

/// <summary>Calls every observer, isolating each one's failures from the run and from the other observers.</summary>
internal sealed class RunObservers
{
    private readonly IRunObserver[] _observers;
    private readonly ILogger _logger;

    /// <summary>Gets observers that see nothing (replays).</summary>
    public static RunObservers None { get; } = new([], Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    public RunObservers(IEnumerable<IRunObserver> observers, ILogger logger)
    {
        _observers = [.. observers];
        _logger = logger;
    }

    public void Notify(RunState state, JournalEvent journalEvent)
    {
        if (_observers.Length == 0)
        {
            return;
        }

        foreach (var observer in _observers)
        {
            try
            {
                observer.OnEvent(state, journalEvent);
            }
#pragma warning disable CA1031 // An observer must never break a run, whatever it throws.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                BatonLog.ObserverFailed(_logger, ex, observer.GetType().Name, journalEvent.Kind, journalEvent.RunId);
            }
        }
    }
}
