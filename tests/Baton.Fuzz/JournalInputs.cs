using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Journal;
using CsCheck;

namespace Baton.Fuzz;

/// <summary>
/// Generators of stored journal rows and journal files, mutated from real ones: the frozen golden files (one event of
/// every kind, schema versions 1 and 2) and the recorded runs the tests replay.
/// </summary>
internal static class JournalInputs
{
    /// <summary>Fragments that break journal rows, beside <see cref="Mutator.CommonTokens"/>.</summary>
    public static readonly string[] Tokens =
    [
        .. Mutator.CommonTokens, "\"kind\":\"martian\",", "\"kind\":", "\"sequence\":-1,", "\"run_id\":\"other\",", "\"timestamp\":\"yesterday\",",
        "\"lease_epoch\":-5,", "\"step\":2147483648,", "\"messages\":[{}],", "\"status\":\"Exploded\",", "\"attempt\":1e999,", "\"value\":",
        "{\"schema_version\":2}\n", "{\"schema_version\":\"2\"}\n", "{\"schema_version\":99}\n",
    ];

    private static readonly string[] s_values =
        ["\"martian\"", "-1", "0", "9223372036854775808", "1e999", "1.5", "\"2026-13-45T00:00:00Z\"", "\"\"", "[]", "{}", "null", "true", "\"\\ud83d\"", "[null]", "{\"kind\":\"run_started\"}"];

    private static readonly string[] s_names = ["kind", "run_id", "sequence", "timestamp", "step", "agent", "lease_epoch", "value", "messages", "status", "text", "x", ""];

    /// <summary>Gets the seed rows: each event line of the golden files and recordings, with the run, sequence and version it is stored under.</summary>
    public static IReadOnlyList<StoredRow> Seeds { get; } = LoadSeeds();

    /// <summary>Gets the seed journal files: each recording, and each golden file with a header.</summary>
    public static IReadOnlyList<string> SeedFiles { get; } = LoadSeedFiles();

    /// <summary>A stored row: a seed row mutated as text or as JSON, under its own or another position and schema version.</summary>
    public static readonly Gen<StoredRow> Row = Gen.Select(
        Gen.Int[0, Seeds.Count - 1],
        Gen.Frequency((3, Gen.Const(-1)), (4, Gen.Int[0, 3]), (2, Gen.Int[4, 6])),
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, s_values.Length - 1], Gen.Int[0, s_names.Length - 1], JsonInputs.Value),
        Mutator.Mutate(Gen.Const(string.Empty), Tokens),
        Gen.Frequency((12, Gen.Const(0)), (1, Gen.OneOf<int>(-1, 1, int.MaxValue, 3))),
        Gen.Frequency((12, Gen.Const(0L)), (1, Gen.OneOf<long>(1L, -1L, long.MaxValue))),
        (seed, op, pick, noise, versionShift, sequenceShift) =>
        {
            var row = Seeds[seed];
            var json = op switch
            {
                -1 => row.Json,
                <= 3 => Structural(row.Json, op, pick.Item1, pick.Item4.Length % 3 == 0 ? s_values[pick.Item2] : pick.Item4, s_names[pick.Item3]),
                _ => Insert(row.Json, pick.Item1, noise),
            };
            var version = versionShift switch
            {
                0 => row.SchemaVersion,
                3 => row.SchemaVersion == 1 ? 2 : 1,
                _ => versionShift,
            };
            return row with { Json = json, SchemaVersion = version, Sequence = unchecked(row.Sequence + sequenceShift) };
        });

    /// <summary>Journal files: a seed file, sometimes with another header, then mutated at the text level.</summary>
    public static readonly Gen<string> File = Mutator.Mutate(
        Gen.Select(
            Gen.Int[0, SeedFiles.Count - 1],
            Gen.Frequency((6, Gen.Const(string.Empty)), (1, Gen.OneOf<string>("{\"schema_version\":99}", "{\"schema_version\":\"2\"}", "{\"schema_version\":1.5}", "{\"schema_version\":null}", "{}", "[]", "{\"schema_version\":-1}", "{\"schema_version\":2,\"kind\":\"handoff\"}", "{\"schema_version\":1e999}"))),
            Gen.Int[0, 100],
            (index, header, cut) =>
            {
                var lines = SeedFiles[index].Split('\n');
                if (header.Length > 0)
                {
                    lines[0] = header;
                }

                // Sometimes only the first lines, so mutations reach the header and first events often.
                return string.Join('\n', cut < 50 ? lines.Take(1 + cut % 4) : lines);
            }),
        Tokens);

    private static string Insert(string json, int at, string noise) => json.Insert(at % (json.Length + 1), noise);

    // Replaces, removes or renames one member or item of the row's JSON, or puts a value where another was.
    private static string Structural(string json, int op, int pick, string valueText, string name)
    {
        try
        {
            var root = JsonNode.Parse(json)!;
            var places = new List<(JsonNode Parent, string? Key, int Index)>();
            Collect(root, places);
            if (places.Count == 0)
            {
                return json;
            }

            var (parent, key, index) = places[pick % places.Count];
            JsonNode? value;
            try
            {
                value = JsonNode.Parse(valueText);
            }
            catch (JsonException)
            {
                value = JsonValue.Create(valueText);
            }

            switch (parent, op)
            {
                case (JsonObject obj, 0 or 3):
                    obj[key!] = value;
                    break;
                case (JsonObject obj, 1):
                    obj.Remove(key!);
                    break;
                case (JsonObject obj, _):
                    var moved = obj[key!];
                    obj.Remove(key!);
                    obj[name] = moved?.DeepClone();
                    break;
                case (JsonArray array, 1):
                    array.RemoveAt(index);
                    break;
                case (JsonArray array, _):
                    array[index] = value;
                    break;
            }

            return root.ToJsonString();
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            // The generator could not build this mutation (the value is not writable JSON): keep the row as it was.
            return json;
        }
    }

    private static void Collect(JsonNode node, List<(JsonNode Parent, string? Key, int Index)> places)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    places.Add((obj, key, -1));
                    if (child is not null)
                    {
                        Collect(child, places);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    places.Add((array, null, i));
                    if (array[i] is { } child)
                    {
                        Collect(child, places);
                    }
                }

                break;
        }
    }

    private static List<StoredRow> LoadSeeds()
    {
        var rows = new List<StoredRow>();
        foreach (var (path, defaultVersion) in SeedPaths())
        {
            var version = defaultVersion;
            foreach (var line in System.IO.File.ReadAllLines(path).Where(l => l.Length > 0))
            {
                if (line.StartsWith("{\"schema_version\":", StringComparison.Ordinal))
                {
                    version = JsonDocument.Parse(line).RootElement.GetProperty("schema_version").GetInt32();
                    continue;
                }

                var e = JournalSerializer.Deserialize(line, version);
                rows.Add(new StoredRow(e.RunId, e.Sequence, line, version));
            }
        }

        return rows;
    }

    private static List<string> LoadSeedFiles() =>
        [.. SeedPaths().Select(p => System.IO.File.ReadAllText(p.Path) is var text && text.StartsWith("{\"schema_version\":", StringComparison.Ordinal) ? text : $"{{\"schema_version\":{p.Version}}}\n{text}")];

    private static IEnumerable<(string Path, int Version)> SeedPaths()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "JournalSeeds");
        yield return (Path.Combine(folder, "journal-v1.golden.jsonl"), 1);
        yield return (Path.Combine(folder, "journal-v2.golden.jsonl"), 2);
        foreach (var recording in Directory.EnumerateFiles(Path.Combine(folder, "Recordings"), "*.jsonl").Order(StringComparer.Ordinal))
        {
            yield return (recording, 1);
        }
    }
}
