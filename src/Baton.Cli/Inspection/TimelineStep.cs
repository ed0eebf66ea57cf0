using Baton.Journal;

namespace Baton.Cli.Inspection;

/// <summary>One agent step of a run: the handoff into it, its model calls, the outputs it recorded and any other events.</summary>
internal sealed class TimelineStep(int step, HandoffRecorded? handoff)
{
    public int Step { get; } = step;

    public HandoffRecorded? Handoff { get; } = handoff;

    public string Agent => Handoff?.To ?? Calls.FirstOrDefault()?.Called.Agent ?? "?";

    public List<ModelCall> Calls { get; } = [];

    public List<OutputRecorded> Outputs { get; } = [];

    public List<JournalEvent> Other { get; } = [];
}
