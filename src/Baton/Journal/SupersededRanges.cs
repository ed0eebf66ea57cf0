namespace Baton.Journal;

/// <summary>
/// The events of a journal that a forced retry superseded: from a <see cref="RunResumed.RetriedFrom"/> up to that
/// resume. They stay in the journal (it is append-only) but no longer count for the run's state or its replay.
/// </summary>
internal readonly struct SupersededRanges
{
    private readonly List<(long From, long To)>? _ranges;

    private SupersededRanges(List<(long From, long To)> ranges) => _ranges = ranges;

    /// <summary>Gets whether no event is superseded.</summary>
    public bool IsEmpty => _ranges is null;

    /// <summary>Finds the superseded ranges of a journal.</summary>
    public static SupersededRanges Of(IReadOnlyList<JournalEvent> events)
    {
        List<(long, long)>? ranges = null;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is RunResumed { RetriedFrom: { } from } resumed && from < resumed.Sequence)
            {
                (ranges ??= []).Add((from, resumed.Sequence));
            }
        }

        return ranges is null ? default : new SupersededRanges(ranges);
    }

    /// <summary>Returns these ranges plus [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public SupersededRanges With(long from, long to)
    {
        var ranges = _ranges is null ? [] : new List<(long, long)>(_ranges);
        ranges.Add((from, to));
        return new SupersededRanges(ranges);
    }

    /// <summary>Gets whether the event at <paramref name="sequence"/> is superseded.</summary>
    public bool Contains(long sequence)
    {
        if (_ranges is null)
        {
            return false;
        }

        foreach (var (from, to) in _ranges)
        {
            if (sequence >= from && sequence < to)
            {
                return true;
            }
        }

        return false;
    }
}
