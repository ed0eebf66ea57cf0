using Baton.Journal;

namespace Baton.CrashHost;

/// <summary>
/// Prints each durable event as <c>event SEQ KIND</c>, then waits for a line on stdin before the run continues:
/// the test decides, event by event, whether to let the host go on or to kill it right there.
/// </summary>
internal sealed class StdoutObserver : IRunObserver
{
    public void OnEvent(RunState state, JournalEvent journalEvent)
    {
        Console.Out.WriteLine($"event {journalEvent.Sequence} {journalEvent.Kind}");
        Console.Out.Flush();
        _ = Console.In.ReadLine();
    }
}
