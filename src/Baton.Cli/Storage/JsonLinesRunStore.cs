using Baton.Journal;

namespace Baton.Cli.Storage;

/// <summary>A run store in one append-only file of JSON lines (one journal event per line).</summary>
/// <remarks>Used by the CLI until a SQLite store is available. One process at a time; not for concurrent writers.</remarks>
internal sealed class JsonLinesRunStore(string path) : IRunStore
{
    public async ValueTask AppendAsync(string runId, long expectedSequence, IReadOnlyList<JournalEvent> events, CancellationToken cancellationToken = default)
    {
        var existing = await ReadAsync(runId, cancellationToken).ConfigureAwait(false);
        if (existing.Count != expectedSequence)
        {
            throw new JournalConcurrencyException($"Run '{runId}' holds {existing.Count} events, not the expected {expectedSequence}.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var lines = events.Select(e => $"{JournalSerializer.CurrentSchemaVersion}\t{JournalSerializer.Serialize(e)}");
        await File.AppendAllLinesAsync(path, lines, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<JournalEvent>> ReadAsync(string runId, CancellationToken cancellationToken = default) =>
        [.. (await ReadAllAsync(cancellationToken).ConfigureAwait(false)).Where(e => e.RunId == runId)];

    public async ValueTask<IReadOnlyList<RunSummary>> ListRunsAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        var all = await ReadAllAsync(cancellationToken).ConfigureAwait(false);
        return
        [
            .. all.GroupBy(e => e.RunId)
                .Select(g => RunState.FromEvents(g))
                .Select(s => new RunSummary(s.RunId, s.Orchestration, s.StartedAt, s.Status, s.EventCount))
                .OrderByDescending(s => s.StartedAt)
                .Take(limit),
        ];
    }

    private async Task<List<JournalEvent>> ReadAllAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var events = new List<JournalEvent>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0)
            {
                events.Add(JournalSerializer.Deserialize(line[(tab + 1)..], int.Parse(line[..tab], System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return events;
    }
}
