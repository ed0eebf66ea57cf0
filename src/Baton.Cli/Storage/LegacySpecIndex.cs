using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.Cli.Storage;

/// <summary>
/// Reads <c>runs.specs.json</c>, the side file beside the store where Baton before journal schema 2 recorded each
/// run's spec path, spec hash and model. Runs now record these on <c>run_started</c>; this reader stays for one
/// release so that runs started by the previous version still resume and replay without <c>--spec</c>. Nothing
/// writes the file any more.
/// </summary>
internal sealed class LegacySpecIndex(string path)
{
    // The file is a few entries per run; anything much larger was not written by Baton.
    private const long MaxBytes = 64L * 1024 * 1024;

    public string FilePath { get; } = path;

    /// <summary>Finds a run's entry; <see langword="null"/> when the file, the entry or its spec path is missing or unreadable.</summary>
    public RecordedSpec? Find(string runId)
    {
        try
        {
            var file = new FileInfo(FilePath);
            if (!file.Exists || file.Length > MaxBytes)
            {
                return null;
            }

            return JsonNode.Parse(File.ReadAllText(FilePath)) is JsonObject root
                && root[runId] is JsonObject entry
                && entry["spec_path"] is JsonValue specPath && specPath.TryGetValue<string>(out var spec)
                ? new RecordedSpec(spec, Text(entry["spec_sha256"]) ?? string.Empty, Text(entry["model"]))
                : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // A damaged side file only loses the convenience: the user can still pass --spec.
            return null;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
