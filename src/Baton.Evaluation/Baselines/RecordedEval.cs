using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Baton.Evaluation.Internal;
using Baton.Evaluation.Reports;

namespace Baton.Evaluation.Baselines;

/// <summary>
/// An earlier evaluation, read from its JSON report (<see cref="EvalJsonReport"/>): the baseline a new evaluation is
/// compared with, or the runs <c>--replay</c> re-scores. The file is hostile input: it is read within a size bound and
/// every problem is reported with its JSON path, never thrown.
/// </summary>
public sealed class RecordedEval
{
    /// <summary>The largest report file read.</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    private const int MaxRuns = 1_000_000;

    private const int MaxErrorChars = 1_000;

    private readonly Dictionary<(string, int), RecordedRun> _byCase;

    private RecordedEval(string source, string name, bool isRehearsal, ImmutableArray<RecordedRun> runs)
    {
        Source = source;
        Name = name;
        IsRehearsal = isRehearsal;
        Runs = runs;
        _byCase = [];
        foreach (var run in runs)
        {
            _byCase.TryAdd((run.CaseId, run.Repeat), run);
        }
    }

    /// <summary>Gets where the report was read from.</summary>
    public string Source { get; }

    /// <summary>Gets the evaluation's name.</summary>
    public string Name { get; }

    /// <summary>Gets whether the evaluation ran in rehearsal (placeholder outputs).</summary>
    public bool IsRehearsal { get; }

    /// <summary>Gets how many times the evaluation ran each case (the highest repetition recorded).</summary>
    public int Repeat => Runs.IsEmpty ? 1 : Runs.Max(r => r.Repeat);

    /// <summary>Gets the recorded runs, in report order.</summary>
    public ImmutableArray<RecordedRun> Runs { get; }

    /// <summary>Finds the recorded run of a case's repetition.</summary>
    /// <param name="caseId">The case id.</param>
    /// <param name="repeat">The repetition (1-based).</param>
    /// <returns>The run, or <see langword="null"/>.</returns>
    public RecordedRun? Find(string caseId, int repeat) => _byCase.GetValueOrDefault((caseId, repeat));

    /// <summary>Reads a JSON report file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="shown">The path as the user wrote it, for messages; <see langword="null"/> for <paramref name="path"/>.</param>
    /// <param name="recorded">The report, when it could be read.</param>
    /// <param name="error">What is wrong with it, as <c>file: $.path: problem</c>.</param>
    /// <returns><see langword="true"/> when the report was read.</returns>
    public static bool TryLoad(string path, string? shown, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RecordedEval? recorded, out string error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        shown ??= path;
        recorded = null;
        return EvalInputFile.TryReadText(path, shown, MaxFileBytes, out var text, out error) && TryParse(text, shown, out recorded, out error);
    }

    /// <summary>Reads a JSON report from its text.</summary>
    /// <param name="json">The text.</param>
    /// <param name="source">A label for messages (the file name).</param>
    /// <param name="recorded">The report, when it could be read.</param>
    /// <param name="error">What is wrong with it.</param>
    /// <returns><see langword="true"/> when the report was read.</returns>
    public static bool TryParse(string json, string source, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RecordedEval? recorded, out string error)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        var read = TryParseCore(json, source, out recorded, out error);

        // Errors quote the report (names, values, the JSON reader's view of it): one line of bounded length.
        error = read ? error : JsonText.ClipLine(error, MaxErrorChars);
        return read;
    }

    private static bool TryParseCore(string json, string source, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RecordedEval? recorded, out string error)
    {
        recorded = null;
        if (JsonText.IndexOfLoneSurrogate(json) is var lone and >= 0)
        {
            error = $"{source}: the text is not valid Unicode (a lone UTF-16 surrogate at character {lone + 1}); pass a file written by 'baton eval --json'.";
            return false;
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            error = $"{source}:{(ex.LineNumber ?? 0) + 1}: not valid JSON: {JsonText.Clip(ex.Message, 200)}";
            return false;
        }

        // A lone surrogate escape cannot be read as a string; reading it would throw.
        if (JsonText.TryFindInvalidText(root, out var invalid))
        {
            error = $"{source}: {PathOf(invalid)}: the text is not valid Unicode (a lone UTF-16 surrogate escape).";
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != EvalJsonReport.Format)
        {
            error = $"{source}: $.format: not a Baton evaluation report (expected \"format\": \"{EvalJsonReport.Format}\"); pass a file written by 'baton eval --json'.";
            return false;
        }

        if (!root.TryGetProperty("schema_version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v < 1 || v > EvalJsonReport.SchemaVersion)
        {
            error = $"{source}: $.schema_version: this Baton reads evaluation reports of schema version 1 to {EvalJsonReport.SchemaVersion}.";
            return false;
        }

        if (!root.TryGetProperty("cases", out var cases) || cases.ValueKind != JsonValueKind.Array)
        {
            error = $"{source}: $.cases: expected an array of runs.";
            return false;
        }

        if (cases.GetArrayLength() > MaxRuns)
        {
            error = $"{source}: $.cases: {cases.GetArrayLength()} runs; the limit is {MaxRuns}.";
            return false;
        }

        var runs = ImmutableArray.CreateBuilder<RecordedRun>(cases.GetArrayLength());
        var i = 0;
        foreach (var item in cases.EnumerateArray())
        {
            if (!TryReadRun(item, $"$.cases[{i}]", out var run, out var problem))
            {
                error = $"{source}: {problem}";
                return false;
            }

            runs.Add(run!);
            i++;
        }

        var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "eval";
        var rehearsal = root.TryGetProperty("rehearsal", out var flag) && flag.ValueKind == JsonValueKind.True;
        recorded = new RecordedEval(source, name, rehearsal, runs.MoveToImmutable());
        error = string.Empty;
        return true;
    }

    private static bool TryReadRun(JsonElement item, string path, out RecordedRun? run, out string problem)
    {
        run = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            problem = $"{path}: expected an object";
            return false;
        }

        if (!TryString(item, "id", path, required: true, out var id, out problem)
            || !TryString(item, "run_id", path, required: false, out var runId, out problem)
            || !TryString(item, "status", path, required: true, out var status, out problem)
            || !TryString(item, "reason", path, required: false, out var reason, out problem)
            || !TryString(item, "outcome", path, required: true, out var outcomeText, out problem))
        {
            return false;
        }

        var repeat = 1;
        if (item.TryGetProperty("repeat", out var r) && (r.ValueKind != JsonValueKind.Number || !r.TryGetInt32(out repeat) || repeat < 1))
        {
            problem = $"{path}.repeat: expected a positive integer";
            return false;
        }

        if (!Enum.TryParse<CaseOutcome>(outcomeText, ignoreCase: true, out var outcome) || int.TryParse(outcomeText, CultureInfo.InvariantCulture, out _))
        {
            problem = $"{path}.outcome: '{JsonText.Clip(outcomeText!, 60)}' is not one of passed, failed, error";
            return false;
        }

        var judges = ImmutableArray.CreateBuilder<string>();
        if (item.TryGetProperty("expectations", out var expectations) && expectations.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in expectations.EnumerateArray())
            {
                if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("judge_run_id", out var j) && j.ValueKind == JsonValueKind.String && j.GetString() is { Length: > 0 } judge)
                {
                    judges.Add(judge);
                }
            }
        }

        run = new RecordedRun(id!, repeat, runId, status!, reason ?? string.Empty, outcome) { JudgeRunIds = judges.ToImmutable() };
        return true;
    }

    // A JSON Pointer ("/cases/0/id") as the paths the other messages name ("$.cases[0].id").
    private static string PathOf(string pointer)
    {
        var path = new System.Text.StringBuilder("$");
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path.Append(int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? $"[{index}]" : $".{segment}");
        }

        return path.ToString();
    }

    private static bool TryString(JsonElement item, string name, string path, bool required, out string? value, out string problem)
    {
        value = null;
        problem = string.Empty;
        if (!item.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                problem = $"{path}.{name}: missing";
                return false;
            }

            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            problem = $"{path}.{name}: expected a string";
            return false;
        }

        value = element.GetString();
        if (required && string.IsNullOrEmpty(value))
        {
            problem = $"{path}.{name}: empty";
            return false;
        }

        return true;
    }
}
