using Baton.Orleans.Parking;
using Baton.Orchestration;

namespace Baton.Orleans.Grains;

/// <summary>One live execution of a run in one activation: its journal view, its cancellation, and whether it parked.</summary>
internal sealed class RunExecution : IParkingTarget, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private DateTimeOffset? _parkUntil;

    public RunExecution(ExecutionJournal journal, long firstSequence)
    {
        Journal = journal;
        FirstSequence = firstSequence;
    }

    public ExecutionJournal Journal { get; }

    /// <summary>Gets the number of events the journal held when this execution began: its own events come after.</summary>
    public long FirstSequence { get; }

    public CancellationToken Token => _cancellation.Token;

    public DateTimeOffset? ParkedUntil => _parkUntil;

    public string? ParkReason { get; private set; }

    public bool CancelRequested { get; private set; }

    public Task<RunResult?> Completion { get; set; } = Task.FromResult<RunResult?>(null);

    public void Park(DateTimeOffset until, string reason)
    {
        if (_parkUntil is null)
        {
            _parkUntil = until;
            ParkReason = reason;
            Journal.Close("the run parked: " + reason);
        }
    }

    public void Cancel()
    {
        CancelRequested = true;
        _cancellation.Cancel();
    }

    public void Dispose() => _cancellation.Dispose();
}
