using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Evaluation.Internal;

namespace Baton.Evaluation.Datasets;

/// <summary>
/// Reads evaluation data sets: JSONL (one case per line) or CSV (a header row, then one case per record). Every
/// problem is reported as <c>file:line: field: message</c>, all at once, and nothing is thrown on content.
/// </summary>
/// <remarks>
/// <para>A JSONL case: <c>{"id", "task", "intent", "constraints", "tags", "description", "expect"}</c>; only <c>task</c>
/// is required (an empty string is a valid edge case). The <c>expect</c> object is described in docs/evaluation.md.</para>
/// <para>CSV columns: <c>id</c>, <c>task</c>, <c>intent</c>, <c>description</c>, <c>constraints</c> and <c>tags</c>
/// (items separated by <c>|</c>), <c>expect</c> (the same JSON object as JSONL), and shorthands <c>status</c>,
/// <c>contains</c> and <c>not_contains</c> (items separated by <c>|</c>), <c>regex</c>, <c>not_regex</c>, <c>judge</c>,
/// <c>max_tokens</c>, <c>max_steps</c>, <c>contract</c> and <c>grounded</c> (<c>true</c>/<c>false</c>).</para>
/// <para>Files are read only when they are regular files within <see cref="DatasetReadOptions.MaxFileBytes"/>, lines
/// within <see cref="DatasetReadOptions.MaxLineLength"/>; devices and FIFOs are refused without being opened.</para>
/// </remarks>
public static class EvalDataset
{
    // The dotted path of the first key that appears twice in one object, or null.
    private static string? FindDuplicateKey(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var here = $"{path}.{JsonText.Clip(property.Name, 60)}";
                    if (!seen.Add(property.Name))
                    {
                        return here;
                    }

                    if (FindDuplicateKey(property.Value, here) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindDuplicateKey(item, $"{path}[{index++}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    // Text from a file is decoded strictly, so this is text handed to ParseJsonl or ParseCsv directly.
    private static DatasetError NotUnicode(string file, int line, int index) =>
        new(file, line, $"the text is not valid Unicode (a lone UTF-16 surrogate at character {index + 1}); save the data set as UTF-8.");

    private static readonly string[] s_csvColumns =
        ["id", "task", "intent", "description", "constraints", "tags", "expect", "status", "contains", "not_contains", "regex", "not_regex", "judge", "max_tokens", "max_steps", "contract", "grounded"];

    private static readonly string[] s_csvListColumns = ["status", "contains", "not_contains"];

    /// <summary>Reads a data set file; <c>.csv</c> files as CSV, anything else as JSONL.</summary>
    /// <param name="path">The file.</param>
    /// <param name="shown">The path as the user wrote it, for messages; <see langword="null"/> for <paramref name="path"/>.</param>
    /// <param name="options">The bounds; <see langword="null"/> for the defaults.</param>
    /// <returns>The cases, or every problem found.</returns>
    public static DatasetLoadResult Load(string path, string? shown = null, DatasetReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        shown ??= path;
        options ??= new DatasetReadOptions();
        if (!EvalInputFile.TryReadText(path, shown, options.MaxFileBytes, out var text, out var error))
        {
            return new DatasetLoadResult([], [new DatasetError(shown, 0, error)]);
        }

        return path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ParseCsv(text, shown, options) : ParseJsonl(text, shown, options);
    }

    /// <summary>Reads JSONL text: one case object per line; blank lines are skipped.</summary>
    /// <param name="text">The text.</param>
    /// <param name="file">The file name for messages.</param>
    /// <param name="options">The bounds; <see langword="null"/> for the defaults.</param>
    /// <returns>The cases, or every problem found.</returns>
    public static DatasetLoadResult ParseJsonl(string text, string file, DatasetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        options ??= new DatasetReadOptions();
        var errors = new List<DatasetError>();
        var cases = new List<EvalCase>();
        var lineNumber = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            if (errors.Count >= options.MaxErrors)
            {
                errors.Add(Stopped(file, lineNumber, options));
                break;
            }

            if (rawLine.IsWhiteSpace())
            {
                continue;
            }

            if (rawLine.Length > options.MaxLineLength)
            {
                errors.Add(new DatasetError(file, lineNumber, $"the line is {rawLine.Length:N0} characters; the limit is {options.MaxLineLength:N0}. Shorten the case (or raise the limit)."));
                continue;
            }

            if (cases.Count >= options.MaxCases)
            {
                errors.Add(new DatasetError(file, lineNumber, $"more than {options.MaxCases:N0} cases; split the data set."));
                break;
            }

            if (JsonText.IndexOfLoneSurrogate(rawLine) is var lone and >= 0)
            {
                errors.Add(NotUnicode(file, lineNumber, lone));
                continue;
            }

            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(rawLine.ToString(), new JsonDocumentOptions { MaxDepth = 64 });
                root = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                var column = ex.BytePositionInLine is { } position ? $" at byte {position + 1}" : string.Empty;
                errors.Add(new DatasetError(file, lineNumber, $"not valid JSON{column}: {FirstSentence(ex.Message)} Each line is one JSON object."));
                continue;
            }

            if (new CaseReader(file, lineNumber, options, errors).Read(root, cases.Count + 1) is { } read)
            {
                cases.Add(read);
            }
        }

        return Finish(cases, errors, file, options);
    }

    /// <summary>Reads CSV text: a header row naming the columns, then one case per record.</summary>
    /// <param name="text">The text.</param>
    /// <param name="file">The file name for messages.</param>
    /// <param name="options">The bounds; <see langword="null"/> for the defaults.</param>
    /// <returns>The cases, or every problem found.</returns>
    public static DatasetLoadResult ParseCsv(string text, string file, DatasetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        options ??= new DatasetReadOptions();
        var errors = new List<DatasetError>();
        var lineNumber = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            if (line.Length > options.MaxLineLength)
            {
                errors.Add(new DatasetError(file, lineNumber, $"the line is {line.Length:N0} characters; the limit is {options.MaxLineLength:N0}. Shorten the case (or raise the limit)."));
                return new DatasetLoadResult([], errors);
            }

            if (JsonText.IndexOfLoneSurrogate(line) is var lone and >= 0)
            {
                errors.Add(NotUnicode(file, lineNumber, lone));
                return new DatasetLoadResult([], errors);
            }
        }

        var records = CsvRecords.Parse(text, file, errors);
        if (errors.Count > 0)
        {
            return new DatasetLoadResult([], errors);
        }

        if (records.Count == 0)
        {
            return new DatasetLoadResult([], [new DatasetError(file, 1, "the file has no header row; the first row names the columns (at least 'task').")]);
        }

        var (headerLine, header) = records[0];
        var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToList();
        foreach (var column in columns.Where(c => !s_csvColumns.Contains(c)))
        {
            errors.Add(new DatasetError(file, headerLine, $"unknown column '{JsonText.Clip(column, 60)}'; known columns: {string.Join(", ", s_csvColumns)}"));
        }

        foreach (var duplicate in columns.GroupBy(c => c).Where(g => g.Count() > 1))
        {
            errors.Add(new DatasetError(file, headerLine, $"column '{JsonText.Clip(duplicate.Key, 60)}' appears {duplicate.Count()} times"));
        }

        if (!columns.Contains("task"))
        {
            errors.Add(new DatasetError(file, headerLine, "there is no 'task' column; every case needs a task."));
        }

        if (errors.Count > 0)
        {
            return Finish([], errors, file, options);
        }

        var cases = new List<EvalCase>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (errors.Count >= options.MaxErrors)
            {
                errors.Add(Stopped(file, line, options));
                break;
            }

            if (fields.Count != columns.Count)
            {
                errors.Add(new DatasetError(file, line, $"{fields.Count} fields, but the header has {columns.Count} columns; quote fields that contain commas."));
                continue;
            }

            if (cases.Count >= options.MaxCases)
            {
                errors.Add(new DatasetError(file, line, $"more than {options.MaxCases:N0} cases; split the data set."));
                break;
            }

            if (ToJson(columns, fields, file, line, errors) is { } json
                && new CaseReader(file, line, options, errors).Read(json, cases.Count + 1) is { } read)
            {
                cases.Add(read);
            }
        }

        return Finish(cases, errors, file, options);
    }

    private static JsonElement? ToJson(List<string> columns, List<string> fields, string file, int line, List<DatasetError> errors)
    {
        var root = new JsonObject();
        var expect = new JsonObject();
        var before = errors.Count;
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var value = fields[i];
            if (column == "task")
            {
                root["task"] = value;
                continue;
            }

            if (value.Trim().Length == 0)
            {
                continue;
            }

            switch (column)
            {
                case "id" or "intent" or "description":
                    root[column] = value.Trim();
                    break;
                case "constraints" or "tags":
                    root[column] = Split(value);
                    break;
                case "expect":
                    JsonElement parsed;
                    try
                    {
                        using var document = JsonDocument.Parse(value, new JsonDocumentOptions { MaxDepth = 64 });
                        parsed = document.RootElement.Clone();
                    }
                    catch (JsonException ex)
                    {
                        errors.Add(new DatasetError(file, line, $"expect: not valid JSON: {FirstSentence(ex.Message)}"));
                        break;
                    }

                    if (parsed.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add(new DatasetError(file, line, "expect: the 'expect' column holds one JSON object"));
                    }
                    else if (JsonText.TryFindInvalidText(parsed, out var invalid))
                    {
                        // Reading the names or values of a lone surrogate escape would throw.
                        errors.Add(new DatasetError(file, line, $"expect{invalid.Replace('/', '.')}: the text is not valid Unicode (a lone UTF-16 surrogate escape such as \\ud83d); write the character itself"));
                    }
                    else if (FindDuplicateKey(parsed, string.Empty) is { } duplicate)
                    {
                        // JSON allows it, but which value counts would be a guess (and the JSON tree refuses it).
                        errors.Add(new DatasetError(file, line, $"expect{duplicate}: the key appears twice in the 'expect' column; keep one"));
                    }
                    else
                    {
                        foreach (var (key, node) in JsonObject.Create(parsed)!.ToList())
                        {
                            if (!expect.TryAdd(key, node?.DeepClone()))
                            {
                                errors.Add(new DatasetError(file, line, $"expect.{key}: set both in the 'expect' column and in its own column; keep one"));
                            }
                        }
                    }

                    break;
                case "max_tokens" or "max_steps":
                    JsonNode number = long.TryParse(value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : value.Trim();
                    Add(expect, column, number, file, line, errors);
                    break;
                case "contract" or "grounded":
                    JsonNode flag = bool.TryParse(value.Trim(), out var b) ? b : value.Trim();
                    Add(expect, column, flag, file, line, errors);
                    break;
                default:
                    Add(expect, column, s_csvListColumns.Contains(column) ? Split(value) : JsonValue.Create(value), file, line, errors);
                    break;
            }
        }

        if (expect.Count > 0)
        {
            root["expect"] = expect;
        }

        return errors.Count > before ? null : JsonSerializer.SerializeToElement(root, Json.EvalJsonContext.Default.JsonObject);
    }

    private static void Add(JsonObject expect, string key, JsonNode? value, string file, int line, List<DatasetError> errors)
    {
        if (!expect.TryAdd(key, value))
        {
            errors.Add(new DatasetError(file, line, $"expect.{key}: set both in the 'expect' column and in its own column; keep one"));
        }
    }

    private static JsonArray Split(string value) =>
        [.. value.Split('|').Select(s => s.Trim()).Where(s => s.Length > 0).Select(s => (JsonNode?)JsonValue.Create(s))];

    private static DatasetLoadResult Finish(List<EvalCase> cases, List<DatasetError> errors, string file, DatasetReadOptions options)
    {
        var firstLine = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in cases)
        {
            if (!firstLine.TryAdd(c.Id, c.Source!))
            {
                var line = int.Parse(c.Source![(c.Source!.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                errors.Add(new DatasetError(file, line, $"id: '{c.Id}' is also the id of the case at {firstLine[c.Id]}; give every case a unique id (baselines compare cases by id)"));
            }
        }

        if (errors.Count == 0 && cases.Count == 0)
        {
            errors.Add(new DatasetError(file, 0, "the data set has no cases; add one case per line (JSONL) or per row (CSV)."));
        }

        if (errors.Count == 0)
        {
            return new DatasetLoadResult(cases, []);
        }

        // Errors are found line by line; the duplicate-id check adds its own afterwards, so order them by line. A
        // header or a line can hold many problems at once: the list stops after MaxErrors, saying so.
        var ordered = errors.OrderBy(e => e.Line == 0 ? int.MaxValue : e.Line).ToList();
        if (ordered.Count > options.MaxErrors + 1)
        {
            var at = ordered[options.MaxErrors];
            ordered = [.. ordered.Take(options.MaxErrors), new DatasetError(file, at.Line, $"{ordered.Count - options.MaxErrors:N0} more problems from here on are not listed; fix those above and run again.")];
        }

        return new DatasetLoadResult([], ordered);
    }

    private static DatasetError Stopped(string file, int line, DatasetReadOptions options) =>
        new(file, line, $"reading stopped here after {options.MaxErrors} problems; fix those and run again.");

    private static string FirstSentence(string message)
    {
        var path = message.IndexOf(" Path:", StringComparison.Ordinal);
        return JsonText.Clip((path > 0 ? message[..path] : message).Trim(), 200);
    }
}
