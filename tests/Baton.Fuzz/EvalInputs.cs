using System.Text;
using CsCheck;

namespace Baton.Fuzz;

/// <summary>Generators of evaluation inputs: data sets as JSONL and CSV, and JSON reports read back as baselines.</summary>
internal static class EvalInputs
{
    /// <summary>Fragments that break data-set and report readers, beside <see cref="Mutator.CommonTokens"/>.</summary>
    public static readonly string[] Tokens =
    [
        .. Mutator.CommonTokens, ",", "\"\"", "\",\"", "|", "||", "\"task\"", "\"expect\"", "\"regex\": \"(a+)+$\"", "\"regex\": \"(\"",
        "\"max_steps\": 1e999", "\"cases\": [", "\"format\": \"baton-eval\"", "\"schema_version\": 99", "\"outcome\": \"1\"", "\r", "\r\r\n",
    ];

    private static readonly Gen<string> s_text = Gen.Frequency((4, JsonInputs.StringBody.Select(s => $"\"{s}\"")), (1, JsonInputs.Value));

    private static readonly Gen<string> s_regex = Gen.OneOf<string>("\"(?i)rice\"", "\"^a\"", "\"(a+)+$\"", "\"(\"", "\"[\"", "\"\\\\p{Zz}\"", "\"(?<n>a)\\\\k<m>\"", "\"\"");

    private static readonly Gen<string> s_number = Gen.Frequency((3, Gen.Int[-2, 50].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))), (1, JsonInputs.Number));

    private static readonly Gen<string> s_judge = Gen.Frequency(
        (2, s_text),
        (1, Gen.Select(s_text, Gen.OneOf<string>("\"openai:gpt-4o-mini\"", "\"rehearsal\"", "\"nope\"", "3"), Gen.OneOf<string>("\"draft\"", "\"\"", "[]"), (r, m, o) => $"{{\"rubric\": {r}, \"model\": {m}, \"output\": {o}}}")));

    private static readonly Gen<string> s_checks = Gen.Select(
            Gen.OneOf<string>("contains", "not_contains", "regex", "not_regex", "equals", "bogus"),
            Gen.Frequency((3, s_text), (2, s_regex), (1, s_text.Array[0, 3].Select(a => "[" + string.Join(", ", a) + "]"))))
        .Array[0, 3]
        .Select(items => string.Join(", ", items.Select(i => $"\"{i.Item1}\": {i.Item2}")));

    private static readonly Gen<string> s_expect = Gen.Select(
            Gen.OneOf<string>("status", "contract", "max_tokens", "max_steps", "judge", "grounded", "evaluate", "outputs", "contains", "regex", "not_contains", "equals", "stauts"),
            Gen.Frequency(
                (3, Gen.OneOf<string>("\"completed\"", "[\"completed\", \"failed\"]", "\"rejected\"", "\"martian\"", "true", "false", "null", "[]", "{}")),
                (2, s_number),
                (2, s_judge),
                (1, s_regex),
                (1, Gen.Select(s_checks, c => $"{{\"draft\": {{{c}}}}}")),
                (1, Gen.Select(s_text.Array[0, 2], s => $"{{\"output\": \"draft\", \"sources\": [{string.Join(", ", s)}]}}")),
                (1, JsonInputs.Value)))
        .Array[0, 5]
        .Select(items => "{" + string.Join(", ", items.Select(i => $"\"{i.Item1}\": {i.Item2}")) + "}");

    private static readonly Gen<string> s_case = Gen.Select(
            Gen.OneOf<string>("id", "task", "intent", "constraints", "tags", "description", "expect", "tsak"),
            Gen.Frequency((4, s_text), (2, s_text.Array[0, 3].Select(a => "[" + string.Join(", ", a) + "]")), (3, s_expect)))
        .Array[0, 6]
        .Select(items => "{" + string.Join(", ", items.Select(i => $"\"{i.Item1}\": {i.Item2}")) + "}");

    /// <summary>JSONL data sets: one to six lines of cases (or other JSON), blank lines and line ends of every kind, then mutated.</summary>
    public static readonly Gen<string> Jsonl = Mutator.Mutate(
        Gen.Select(Gen.Frequency((6, s_case), (1, JsonInputs.Value), (1, Gen.Const(string.Empty))).Array[1, 6], Gen.OneOf<string>("\n", "\r\n", "\n\n", "\r"), (lines, end) => string.Join(end, lines) + end),
        Tokens);

    private static readonly string[] s_columns = ["id", "task", "intent", "description", "constraints", "tags", "expect", "status", "contains", "not_contains", "regex", "not_regex", "judge", "max_tokens", "max_steps", "contract", "grounded", "TASK", " task ", "bogus", ""];

    private static readonly Gen<string> s_field = Gen.Frequency(
        (4, Gen.OneOf<string>("wheat", "", "completed", "completed|failed", "a|b||c", "3", "-1", "1e999", "true", "maybe", "(a+)+$", "(", "as an AI")),
        (2, JsonInputs.StringBody),
        (1, s_expect),
        (1, Gen.String[0, 16]));

    /// <summary>CSV data sets: a header of known, unknown and repeated columns, rows quoted or not, then mutated.</summary>
    public static readonly Gen<string> Csv = Mutator.Mutate(
        Gen.Select(
            Gen.Int[0, s_columns.Length - 1].Array[1, 6],
            Gen.Select(s_field, Gen.Int[0, 3]).Array[0, 7].Array[0, 5],
            Gen.OneOf<string>("\n", "\r\n"),
            (header, rows, end) =>
            {
                var text = new StringBuilder();
                text.Append(string.Join(',', header.Select(i => s_columns[i]))).Append(end);
                foreach (var row in rows)
                {
                    text.Append(string.Join(',', row.Select(f => Field(f.Item1, f.Item2)))).Append(end);
                }

                return text.ToString();
            }),
        Tokens);

    private static readonly Gen<string> s_run = Gen.Select(
            Gen.OneOf<string>("id", "run_id", "status", "reason", "outcome", "repeat", "expectations", "extra"),
            Gen.Frequency(
                (3, Gen.OneOf<string>("\"case-1\"", "\"a\"", "\"Completed\"", "\"passed\"", "\"failed\"", "\"error\"", "\"1\"", "\"PASSED\"", "\"\"", "null", "1", "0", "-3", "2147483648")),
                (1, Gen.Select(s_text, t => $"[{{\"judge_run_id\": {t}}}, 3, {{}}]")),
                (1, s_text)))
        .Array[0, 7]
        .Select(items => "{" + string.Join(", ", items.Select(i => $"\"{i.Item1}\": {i.Item2}")) + "}");

    /// <summary>Evaluation reports as <c>baton eval --json</c> writes them, with odd headers and runs, then mutated.</summary>
    public static readonly Gen<string> Report = Mutator.Mutate(
        Gen.Select(
            Gen.OneOf<string>("\"baton-eval\"", "\"baton-eval\"", "\"baton-eval\"", "\"other\"", "1", "null"),
            Gen.OneOf<string>("1", "1", "0", "2", "\"1\"", "1.0", "1e999"),
            Gen.Frequency((4, s_run.Array[0, 4].Select(r => "[" + string.Join(", ", r) + "]")), (1, JsonInputs.Value)),
            s_text,
            (format, version, cases, name) => $"{{\"format\": {format}, \"schema_version\": {version}, \"name\": {name}, \"rehearsal\": true, \"cases\": {cases}}}"),
        Tokens);

    private static string Field(string value, int style) => style switch
    {
        0 => value,
        1 => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        2 => "\"" + value,
        _ => " " + value + " ",
    };
}
