using System.Collections.Immutable;
using System.Text.Json;

namespace Baton.Testing;

/// <summary>Reads handoff fixtures from JSON files (the format is described in <c>docs/testing-handoffs.md</c>).</summary>
/// <remarks>
/// A fixture file is one JSON object: <c>name</c> (optional, defaults to the file name), <c>task</c> (required),
/// <c>intent</c>, <c>constraints</c>, <c>from</c>, <c>outputs</c> (an object of upstream outputs by name) and
/// <c>expect</c> (<c>status</c>, <c>contains</c>, <c>not_contains</c>, <c>output</c>). Unknown properties are errors,
/// so a typo never silently weakens a test.
/// </remarks>
public static class HandoffFixtures
{
    private static readonly string[] s_fixtureProperties = ["name", "task", "intent", "constraints", "from", "outputs", "expect"];
    private static readonly string[] s_expectProperties = ["status", "contains", "not_contains", "output"];

    /// <summary>Reads every <c>*.json</c> file of a directory (not its subdirectories), in file-name order.</summary>
    /// <param name="directory">The directory.</param>
    /// <returns>The fixtures.</returns>
    /// <exception cref="HandoffFixtureException">The directory is missing or empty, a file is not a valid fixture, or two fixtures share a name.</exception>
    public static IReadOnlyList<HandoffFixture> LoadDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new HandoffFixtureException($"Fixture directory '{directory}' does not exist. Pass the directory that holds the *.json fixture files.");
        }

        var files = Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new HandoffFixtureException($"Fixture directory '{directory}' has no *.json files. Add one fixture per file (see docs/testing-handoffs.md).");
        }

        var fixtures = new List<HandoffFixture>(files.Count);
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var fixture = LoadFile(file);
            if (byName.TryGetValue(fixture.Name, out var other))
            {
                throw new HandoffFixtureException(file, "$.name", $"the fixture name '{fixture.Name}' is also used by '{other}'. Give each fixture a unique name.");
            }

            byName.Add(fixture.Name, file);
            fixtures.Add(fixture);
        }

        return fixtures;
    }

    /// <summary>Reads one fixture file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The fixture.</returns>
    /// <exception cref="HandoffFixtureException">The file is missing or is not a valid fixture.</exception>
    public static HandoffFixture LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new HandoffFixtureException($"Fixture file '{path}' does not exist.");
        }

        return Parse(File.ReadAllText(path), path, Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Reads a fixture from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A label for error messages (a file name).</param>
    /// <param name="defaultName">The name to use when the JSON has none.</param>
    /// <returns>The fixture.</returns>
    /// <exception cref="HandoffFixtureException">The text is not a valid fixture.</exception>
    public static HandoffFixture Parse(string json, string source = "fixture", string? defaultName = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"line {line + 1}, position {ex.BytePositionInLine + 1}" : "$";
            throw new HandoffFixtureException(source, where, $"the file is not valid JSON ({ex.Message}). Fix the syntax.", ex);
        }

        var reader = new FixtureReader(source);
        reader.RequireKind(root, "$", JsonValueKind.Object, "a fixture is one JSON object with at least \"task\"");
        reader.RejectUnknown(root, "$", s_fixtureProperties);
        var name = reader.OptionalString(root, "$", "name") ?? defaultName
            ?? throw new HandoffFixtureException(source, "$.name", "the fixture has no name. Add \"name\": \"...\".");
        var task = reader.OptionalString(root, "$", "task");
        if (string.IsNullOrWhiteSpace(task))
        {
            throw new HandoffFixtureException(source, "$.task", "the fixture has no task. Add \"task\": \"what the user asked\".");
        }

        var outputs = ImmutableSortedDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        if (root.TryGetProperty("outputs", out var outputsElement))
        {
            reader.RequireKind(outputsElement, "$.outputs", JsonValueKind.Object, "\"outputs\" maps each upstream output name to its value");
            foreach (var output in outputsElement.EnumerateObject())
            {
                if (string.IsNullOrWhiteSpace(output.Name))
                {
                    throw new HandoffFixtureException(source, "$.outputs", "an output has an empty name. Name it as the upstream agent's Writes.");
                }

                outputs[output.Name] = output.Value.Clone();
            }
        }

        return new HandoffFixture
        {
            Name = name,
            Task = task,
            Intent = reader.OptionalString(root, "$", "intent"),
            Constraints = reader.StringArray(root, "$", "constraints"),
            From = reader.OptionalString(root, "$", "from") ?? "upstream",
            Outputs = outputs.ToImmutable(),
            Expect = root.TryGetProperty("expect", out var expect) ? ReadExpectation(reader, expect) : null,
            Source = source,
        };
    }

    private static HandoffExpectation ReadExpectation(FixtureReader reader, JsonElement expect)
    {
        reader.RequireKind(expect, "$.expect", JsonValueKind.Object, "\"expect\" is an object with status, contains, not_contains or output");
        reader.RejectUnknown(expect, "$.expect", s_expectProperties);
        var status = RunStatus.Completed;
        if (reader.OptionalString(expect, "$.expect", "status") is { } text)
        {
            var normalized = text.Replace("_", string.Empty, StringComparison.Ordinal);
            if (!Enum.TryParse(normalized, ignoreCase: true, out status) || int.TryParse(text, out _))
            {
                throw new HandoffFixtureException(
                    reader.Source, "$.expect.status", $"'{text}' is not a run status. Use one of: {string.Join(", ", Enum.GetNames<RunStatus>().Select(n => n.ToLowerInvariant()))}.");
            }
        }

        return new HandoffExpectation
        {
            Status = status,
            Contains = reader.StringArray(expect, "$.expect", "contains"),
            NotContains = reader.StringArray(expect, "$.expect", "not_contains"),
            Output = expect.TryGetProperty("output", out var output) ? output.Clone() : null,
        };
    }
}
