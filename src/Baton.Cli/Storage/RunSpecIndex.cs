using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.Cli.Storage;

/// <summary>
/// Remembers which spec file (path and SHA-256 of its text) and model override each run was started with, so
/// <c>baton resume</c> and <c>baton replay</c> can rebuild its orchestration. A small JSON file beside the store;
/// the run's state itself lives only in its journal.
/// </summary>
internal sealed class RunSpecIndex(string path)
{
    public string FilePath { get; } = path;

    public void Record(string runId, RunSpecRecord record)
    {
        var root = Load();
        root[runId] = new JsonObject
        {
            ["spec_path"] = record.SpecPath,
            ["spec_sha256"] = record.SpecHash,
            ["model"] = record.Model,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        File.WriteAllText(FilePath, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, TypeInfoResolver = CliJsonContext.Default }));
    }

    public RunSpecRecord? Find(string runId) =>
        Load()[runId] is JsonObject o && o["spec_path"]?.GetValue<string>() is { } specPath
            ? new RunSpecRecord(specPath, o["spec_sha256"]?.GetValue<string>() ?? string.Empty, o["model"]?.GetValue<string>())
            : null;

    private JsonObject Load()
    {
        if (!File.Exists(FilePath))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(FilePath)) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
