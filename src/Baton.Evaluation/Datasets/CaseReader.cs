using System.Collections.Immutable;
using System.Text.Json;
using Baton.Evaluation.Expectations;

namespace Baton.Evaluation.Datasets;

/// <summary>Reads one case from its JSON object (a JSONL line, or a CSV row turned into one), reporting every problem with its field.</summary>
internal sealed class CaseReader(string file, int line, DatasetReadOptions options, List<DatasetError> errors)
{
    public const int MaxIdLength = 200;

    private static readonly string[] s_caseKeys = ["id", "task", "intent", "constraints", "tags", "description", "expect"];
    private static readonly string[] s_expectKeys = ["status", "contract", "contains", "not_contains", "regex", "not_regex", "equals", "max_tokens", "max_steps", "judge", "grounded", "evaluate", "outputs"];
    private static readonly string[] s_outputKeys = ["contains", "not_contains", "regex", "not_regex", "equals"];
    private static readonly string[] s_judgeKeys = ["rubric", "model", "output"];
    private static readonly string[] s_groundedKeys = ["output", "sources", "model"];
    private static readonly string[] s_evaluateKeys = ["name", "model", "output"];

    private int _errorsBefore;

    public EvalCase? Read(JsonElement root, int ordinal)
    {
        _errorsBefore = errors.Count;

        // A lone surrogate escape ("\ud83d") is not text: it cannot be read as a string, journaled or shown.
        if (JsonText.TryFindInvalidText(root, out var invalid))
        {
            Error(Field(invalid), "the text is not valid Unicode (a lone UTF-16 surrogate escape such as \\ud83d); write the character itself, or \\ud83d\\ude00 for a pair");
            return null;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            Error(null, $"a case is one JSON object with at least \"task\", found {Describe(root)}");
            return null;
        }

        Known(root, null, s_caseKeys);
        var id = OptionalString(root, "id") ?? $"case-{ordinal}";
        if (id.Length == 0 || id.Length > MaxIdLength || id.Any(char.IsControl) || id.Trim() != id)
        {
            Error("id", $"an id is 1 to {MaxIdLength} characters, with no control characters or surrounding spaces");
        }

        string? task = null;
        if (!root.TryGetProperty("task", out var taskElement))
        {
            Error("task", "the case has no task; add \"task\": \"what the user asks\" (an empty string tests an empty task)");
        }
        else if (taskElement.ValueKind != JsonValueKind.String)
        {
            Error("task", $"expected a string, found {Describe(taskElement)}");
        }
        else
        {
            task = taskElement.GetString();
        }

        var result = new EvalCase
        {
            Id = id,
            Task = task ?? string.Empty,
            Intent = OptionalString(root, "intent"),
            Constraints = Strings(root, "constraints", "constraints", allowSingle: false),
            Tags = Strings(root, "tags", "tags", allowSingle: true),
            Description = OptionalString(root, "description"),
            Expectations = root.TryGetProperty("expect", out var expect) ? Expectations(expect) : [],
            Source = $"{file}:{line}",
        };
        return errors.Count == _errorsBefore ? result : null;
    }

    private ImmutableArray<Expectation> Expectations(JsonElement expect)
    {
        if (expect.ValueKind != JsonValueKind.Object)
        {
            Error("expect", $"expected an object of expectations ({string.Join(", ", s_expectKeys)}), found {Describe(expect)}");
            return [];
        }

        Known(expect, "expect", s_expectKeys);
        var list = ImmutableArray.CreateBuilder<Expectation>();
        if (expect.TryGetProperty("status", out var status))
        {
            var names = StringList(status, "expect.status");
            if (names.Length > 0)
            {
                Try("expect.status", () => list.Add(new StatusExpectation(names)));
            }
        }

        if (expect.TryGetProperty("contract", out var contract))
        {
            if (contract.ValueKind is not JsonValueKind.True and not JsonValueKind.False)
            {
                Error("expect.contract", $"expected true or false, found {Describe(contract)}");
            }
            else if (contract.GetBoolean())
            {
                list.Add(new ContractExpectation());
            }
        }

        Content(expect, "expect", null, list);
        if (expect.TryGetProperty("max_tokens", out var maxTokens) && PositiveInteger(maxTokens, "expect.max_tokens") is { } tokens)
        {
            list.Add(new TokenCeilingExpectation(tokens));
        }

        if (expect.TryGetProperty("max_steps", out var maxSteps) && PositiveInteger(maxSteps, "expect.max_steps") is { } steps)
        {
            if (steps > int.MaxValue)
            {
                Error("expect.max_steps", "too large");
            }
            else
            {
                list.Add(new StepCeilingExpectation((int)steps));
            }
        }

        if (expect.TryGetProperty("judge", out var judge))
        {
            foreach (var (item, path) in Items(judge, "expect.judge"))
            {
                Judge(item, path, list);
            }
        }

        if (expect.TryGetProperty("grounded", out var grounded))
        {
            Grounded(grounded, list);
        }

        if (expect.TryGetProperty("evaluate", out var evaluate))
        {
            foreach (var (item, path) in Items(evaluate, "expect.evaluate"))
            {
                Evaluate(item, path, list);
            }
        }

        if (expect.TryGetProperty("outputs", out var outputs))
        {
            if (outputs.ValueKind != JsonValueKind.Object)
            {
                Error("expect.outputs", $"expected an object of checks by output name, for example {{\"research\": {{\"contains\": \"FAO\"}}}}, found {Describe(outputs)}");
            }
            else
            {
                foreach (var output in outputs.EnumerateObject())
                {
                    var path = $"expect.outputs.{output.Name}";
                    if (string.IsNullOrWhiteSpace(output.Name))
                    {
                        Error("expect.outputs", "an output name is empty");
                    }
                    else if (output.Value.ValueKind != JsonValueKind.Object)
                    {
                        Error(path, $"expected an object with {string.Join(", ", s_outputKeys)}, found {Describe(output.Value)}");
                    }
                    else
                    {
                        Known(output.Value, path, s_outputKeys);
                        Content(output.Value, path, output.Name, list);
                    }
                }
            }
        }

        return list.ToImmutable();
    }

    private void Content(JsonElement element, string path, string? output, ImmutableArray<Expectation>.Builder list)
    {
        if (element.TryGetProperty("contains", out var contains))
        {
            foreach (var text in StringList(contains, $"{path}.contains"))
            {
                list.Add(new ContainsExpectation(text) { Output = output });
            }
        }

        if (element.TryGetProperty("not_contains", out var notContains))
        {
            foreach (var text in StringList(notContains, $"{path}.not_contains"))
            {
                list.Add(new NotContainsExpectation(text) { Output = output });
            }
        }

        foreach (var (key, negate) in new[] { ("regex", false), ("not_regex", true) })
        {
            if (element.TryGetProperty(key, out var regex))
            {
                foreach (var pattern in StringList(regex, $"{path}.{key}"))
                {
                    Try($"{path}.{key}", () => list.Add(new RegexExpectation(pattern, negate, options.RegexTimeout) { Output = output }));
                }
            }
        }

        if (element.TryGetProperty("equals", out var equals))
        {
            if (equals.ValueKind != JsonValueKind.Object || !equals.EnumerateObject().Any())
            {
                Error($"{path}.equals", $"expected an object of JSON paths to values, for example {{\"$.sources[0]\": \"FAO 2021\"}}, found {Describe(equals)}");
                return;
            }

            foreach (var pair in equals.EnumerateObject())
            {
                Try($"{path}.equals", () => list.Add(new JsonPathEqualsExpectation(pair.Name, pair.Value) { Output = output }));
            }
        }
    }

    private void Judge(JsonElement item, string path, ImmutableArray<Expectation>.Builder list)
    {
        if (item.ValueKind == JsonValueKind.String)
        {
            if (string.IsNullOrWhiteSpace(item.GetString()))
            {
                Error(path, "the criterion is empty; say what the judge must check");
                return;
            }

            list.Add(new JudgeExpectation(item.GetString()!));
            return;
        }

        if (item.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"expected a criterion (a string) or {{\"rubric\", \"model\", \"output\"}}, found {Describe(item)}");
            return;
        }

        Known(item, path, s_judgeKeys);
        var rubric = OptionalString(item, "rubric", path);
        if (string.IsNullOrWhiteSpace(rubric))
        {
            Error($"{path}.rubric", "missing or empty; say what the judge must check");
            return;
        }

        list.Add(new JudgeExpectation(rubric) { Model = Model(item, path), Output = OptionalString(item, "output", path) });
    }

    private void Grounded(JsonElement grounded, ImmutableArray<Expectation>.Builder list)
    {
        const string path = "expect.grounded";
        switch (grounded.ValueKind)
        {
            case JsonValueKind.True:
                list.Add(new GroundednessExpectation());
                return;
            case JsonValueKind.False:
                return;
            case JsonValueKind.Object:
                Known(grounded, path, s_groundedKeys);
                list.Add(new GroundednessExpectation
                {
                    Output = OptionalString(grounded, "output", path),
                    Sources = grounded.TryGetProperty("sources", out var sources) ? StringList(sources, $"{path}.sources") : [],
                    Model = Model(grounded, path),
                });
                return;
            default:
                Error(path, $"expected true or {{\"output\", \"sources\", \"model\"}}, found {Describe(grounded)}");
                return;
        }
    }

    private void Evaluate(JsonElement item, string path, ImmutableArray<Expectation>.Builder list)
    {
        if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
        {
            list.Add(new EvaluatorExpectation(item.GetString()!));
            return;
        }

        if (item.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"expected an evaluator name or {{\"name\", \"model\", \"output\"}}, found {Describe(item)}");
            return;
        }

        Known(item, path, s_evaluateKeys);
        var name = OptionalString(item, "name", path);
        if (string.IsNullOrWhiteSpace(name))
        {
            Error($"{path}.name", "missing or empty; name a registered evaluator");
            return;
        }

        list.Add(new EvaluatorExpectation(name) { Model = Model(item, path), Output = OptionalString(item, "output", path) });
    }

    private string? Model(JsonElement item, string path)
    {
        var model = OptionalString(item, "model", path);
        if (model is not null && string.IsNullOrWhiteSpace(model))
        {
            Error($"{path}.model", "empty; name a model such as openai:gpt-4o-mini, or leave it out to use --judge-model");
            return null;
        }

        return model;
    }

    private static IEnumerable<(JsonElement Item, string Path)> Items(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            yield return (element, path);
            yield break;
        }

        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            yield return (item, $"{path}[{i++}]");
        }
    }

    private long? PositiveInteger(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var value) && value > 0)
        {
            return value;
        }

        Error(path, $"expected a positive integer, found {Describe(element)}");
        return null;
    }

    private ImmutableArray<string> StringList(JsonElement element, string path)
    {
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var (item, itemPath) in Items(element, path))
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(item.GetString()))
            {
                Error(itemPath, $"expected a non-empty string, found {Describe(item)}");
                continue;
            }

            builder.Add(item.GetString()!);
        }

        if (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 0)
        {
            Error(path, "the list is empty; remove it or add an item");
        }

        return builder.ToImmutable();
    }

    private ImmutableArray<string> Strings(JsonElement root, string name, string path, bool allowSingle)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (element.ValueKind != JsonValueKind.Array && !allowSingle)
        {
            Error(path, $"expected an array of strings, found {Describe(element)}");
            return [];
        }

        var values = StringList(element, path);
        foreach (var value in values.Where(string.IsNullOrWhiteSpace))
        {
            Error(path, "an item is blank; remove it or give it text");
        }

        return values;
    }

    private string? OptionalString(JsonElement element, string name, string? parent = null)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Error(parent is null ? name : $"{parent}.{name}", $"expected a string, found {Describe(value)}");
            return null;
        }

        return value.GetString();
    }

    private void Known(JsonElement element, string? path, string[] known)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                var guess = known.FirstOrDefault(k => string.Equals(k.Replace("_", string.Empty, StringComparison.Ordinal), property.Name.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
                var name = JsonText.Clip(property.Name, 60);
                Error(
                    path is null ? name : $"{path}.{name}",
                    $"unknown property '{name}'{(guess is null ? string.Empty : $" (did you mean '{guess}'?)")}; known: {string.Join(", ", known)}");
            }
        }
    }

    private void Try(string path, Action add)
    {
        try
        {
            add();
        }
        catch (ArgumentException ex)
        {
            Error(path, ex.Message.Split(" (Parameter", 2)[0]);
        }
    }

    // A JSON Pointer ("/expect/judge/0") as the dotted field the other messages name ("expect.judge.0"); null for the case itself.
    private static string? Field(string pointer) => pointer.Length == 0 ? null : pointer[1..].Replace('/', '.');

    private void Error(string? field, string message) => errors.Add(new DatasetError(file, line, field is null ? message : $"{field}: {message}"));

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"\"{JsonText.Clip(element.GetString()!, 40)}\"",
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => "null",
    };
}
