using System.Text.Json;
using Baton.Agents;
using Baton.Orchestration.Review;
using Baton.Orchestration.Supervisor;
using Baton.Specs;
using Baton.Validation;
using CsCheck;

namespace Baton.Fuzz;

/// <summary>
/// The fuzz targets: each input must parse or return a typed error, never throw, within the target's time bound.
/// A failure names the input's index and seed (see <see cref="FuzzRunner"/>); each input that broke something is kept
/// as a named test in <see cref="RegressionTests"/>.
/// </summary>
/// <remarks>One class, so the targets run one after another (each on up to two threads) and do not crowd CI.</remarks>
public sealed class FuzzTargets
{
    internal static readonly string[] Allowed = ["billing", "tech", "escalation"];

    private static readonly TimeSpan s_parserBound = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_heavyBound = TimeSpan.FromSeconds(3);
    private static readonly string s_specFolder = Directory.CreateTempSubdirectory("baton-fuzz-").FullName;

    private static readonly string[] s_replyTokens = [.. Mutator.CommonTokens, "APPROVED:", "REVISE:", "approved", "next_agent", "DONE", "billing", "\"verdict\"", "\"feedback\"", "**APPROVED:**"];

    [Fact]
    public void SupervisorDecisionParser_GeneratedReplies_ParseOrTypedError() =>
        Expect(FuzzRunner.Run(
            "supervisor decision parser",
            Mutator.Mutate(JsonInputs.Reply(Gen.Frequency((3, Decision), (1, JsonInputs.Object("next_agent", "context_for_agent", "reasoning")))), s_replyTokens),
            CheckSupervisor,
            FuzzRunner.Literal,
            s_parserBound));

    [Fact]
    public void ReviewVerdictParser_GeneratedReplies_ParseOrTypedError() =>
        Expect(FuzzRunner.Run(
            "review verdict parser",
            Gen.Select(Mutator.Mutate(Gen.Frequency((2, Prefix), (2, JsonInputs.Reply(JsonInputs.Object("verdict", "feedback")))), s_replyTokens), Gen.Bool),
            input => CheckReview(input.Item1, input.Item2 ? ReviewVerdictFormat.Json : ReviewVerdictFormat.Prefix),
            input => $"{(input.Item2 ? "json" : "prefix")} {FuzzRunner.Literal(input.Item1)}",
            s_parserBound));

    [Fact]
    public void JsonObjectExtractor_GeneratedReplies_FindOneValueOrSayWhy() =>
        Expect(FuzzRunner.Run(
            "JSON extractor",
            Gen.Select(Mutator.Mutate(JsonInputs.Reply(JsonInputs.Value), Mutator.CommonTokens), Gen.Bool),
            input => CheckExtractor(input.Item1, input.Item2),
            input => $"includeArray={input.Item2} {FuzzRunner.Literal(input.Item1)}",
            s_parserBound));

    [Fact]
    public void AgentOutputParser_GeneratedReplies_ParseOrTypedError() =>
        Expect(FuzzRunner.Run(
            "agent output parser",
            Gen.Select(Mutator.Mutate(JsonInputs.Reply(JsonInputs.Value), Mutator.CommonTokens), Gen.Bool),
            input => CheckOutput(input.Item1, input.Item2 ? AgentOutputFormat.Json : AgentOutputFormat.Text),
            input => $"{(input.Item2 ? "json" : "text")} {FuzzRunner.Literal(input.Item1)}",
            s_parserBound));

    [Fact]
    public void OutputContract_GeneratedSchemasAndOutputs_ValidateOrTypedError() =>
        Expect(FuzzRunner.Run(
            "contract validation",
            Gen.Select(Gen.Frequency((6, SchemaInputs.Schema), (1, Mutator.Mutate(SchemaInputs.Schema, Mutator.CommonTokens))), Mutator.Mutate(JsonInputs.Value, Mutator.CommonTokens)),
            input => CheckContract(input.Item1, input.Item2),
            input => $"schema {FuzzRunner.Literal(input.Item1)} output {FuzzRunner.Literal(input.Item2)}",
            s_heavyBound));

    [Fact]
    public void SpecLoader_GeneratedYaml_LoadsOrReportsLocatedProblems() =>
        Expect(FuzzRunner.Run(
            "YAML spec loader",
            SpecInputs.Spec,
            CheckSpec,
            FuzzRunner.Literal,
            s_heavyBound));

    [Fact]
    public void ProvideInputAsync_GeneratedAnswers_TakenOrRefusedWithTypedErrors() =>
        Expect(FuzzRunner.Run(
            "people's answers",
            AnswerInputs.Answer,
            AnswerTarget.Check,
            input => $"{input.Step} {input.Kind} {FuzzRunner.Literal(input.Text)}",
            s_heavyBound));

    internal static void CheckSupervisor(string reply)
    {
        var ok = SupervisorDecisionParser.TryParse(reply, Allowed, out var decision, out var error);
        Assert.Equal(ok, decision is not null);
        Assert.Equal(ok, error is null);
        if (ok)
        {
            Assert.True(decision!.IsDone || Allowed.Contains(decision.NextAgent), $"routed to '{decision.NextAgent}'");
            Assert.Equal(-1, JsonText.IndexOfLoneSurrogate(decision.ContextForAgent + decision.Reasoning));
        }
        else
        {
            Assert.True(Enum.IsDefined(error!.Kind));
            AssertJournalable(error.Message);
        }
    }

    internal static void CheckReview(string reply, ReviewVerdictFormat format)
    {
        var ok = ReviewVerdictParser.TryParse(reply, format, out var verdict, out var error);
        Assert.Equal(ok, verdict is not null);
        Assert.Equal(ok, error is null);
        if (ok && format == ReviewVerdictFormat.Prefix)
        {
            var start = reply.TrimStart(' ', '\t', '\r', '\n');
            var keyword = verdict!.IsApproved ? "APPROVED:" : "REVISE:";
            Assert.True(start.Length >= keyword.Length && System.Text.Ascii.EqualsIgnoreCase(start.AsSpan(0, keyword.Length), keyword), "a verdict only from a leading keyword");
        }

        if (ok)
        {
            Assert.Equal(-1, JsonText.IndexOfLoneSurrogate(verdict!.Feedback));
        }
        else
        {
            AssertJournalable(error!);
        }
    }

    internal static void CheckExtractor(string reply, bool includeArray)
    {
        var found = JsonObjectExtractor.Extract(reply, includeArray);
        Assert.True(Enum.IsDefined(found.Status));
        if (found.IsFound)
        {
            Assert.True(found.Value.ValueKind == JsonValueKind.Object || (includeArray && found.Value.ValueKind == JsonValueKind.Array));
            Assert.False(JsonText.TryFindInvalidText(found.Value, out _));
            _ = JsonSerializer.Serialize(found.Value);
        }
        else
        {
            AssertJournalable(found.Describe("JSON object"));
        }
    }

    internal static void CheckOutput(string reply, AgentOutputFormat format)
    {
        var ok = AgentOutputParser.TryParse(reply, format, out var value, out var error);
        Assert.Equal(ok, error is null);
        if (ok)
        {
            Assert.Equal(format == AgentOutputFormat.Text, value.ValueKind == JsonValueKind.String);

            // What the parser accepts is journaled and rendered into prompts: both must work.
            _ = JsonSerializer.Serialize(value);
            _ = JsonText.Canonical(value);
            _ = JsonText.Length(value);
        }
        else
        {
            AssertJournalable(error!);
        }
    }

    internal static void CheckContract(string schemaText, string outputText)
    {
        if (!TryParse(schemaText, out var schema) || !TryParse(outputText, out var output))
        {
            return;
        }

        OutputContract contract;
        try
        {
            contract = OutputContract.FromSchema(schema, "fuzz");
        }
        catch (ArgumentException ex)
        {
            // A rejected schema is the typed error here; its message reaches 'baton validate'.
            Assert.DoesNotContain("   at ", ex.Message, StringComparison.Ordinal);
            return;
        }

        var result = contract.Validate(output);
        Assert.Equal(result.IsValid, result.Errors.IsDefaultOrEmpty);
        foreach (var error in result.Errors)
        {
            AssertJournalable(error.Message);
        }
    }

    internal static void CheckSpec(string yaml)
    {
        var result = SpecLoader.Parse(yaml, "fuzz.yaml", s_specFolder);
        Assert.Equal(result.IsValid, result.Diagnostics.Count == 0);
        foreach (var diagnostic in result.Diagnostics.Concat(result.Warnings))
        {
            Assert.True(diagnostic.Location.Line >= 1 && diagnostic.Location.Column >= 1, diagnostic.ToString());
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message));
            Assert.True(diagnostic.Message.Length <= 2_000, $"a {diagnostic.Message.Length}-character message");
            Assert.DoesNotContain("   at ", diagnostic.Message, StringComparison.Ordinal);
        }

        if (result.Spec is { } spec)
        {
            _ = SpecCompiler.Compile(spec, NullModelResolver.Instance);
        }
    }

    private static readonly Gen<string> Decision = Gen.Select(JsonInputs.StringBody, JsonInputs.StringBody, JsonInputs.StringBody, Gen.Bool, (next, context, reasoning, extra) =>
        $"{{\"next_agent\": \"{next}\", \"context_for_agent\": \"{context}\", \"reasoning\": \"{reasoning}\"{(extra ? ", \"confidence\": 0.9" : string.Empty)}}}");

    private static readonly Gen<string> Prefix = Gen.Select(
        Gen.OneOf<string>("", " ", "\n\t", "\u00a0", "\u3000", "\ufeff", "**"),
        Gen.OneOf<string>("APPROVED", "approved", "REVISE", "Revise", "APPROVE", "REV\u0131SE"),
        Gen.OneOf<string>(":", " :", "\uff1a", ""),
        JsonInputs.StringBody,
        (lead, keyword, colon, feedback) => lead + keyword + colon + " " + feedback);

    // Messages are journaled and shown: they must be valid text of bounded size.
    private static void AssertJournalable(string message)
    {
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.Equal(-1, JsonText.IndexOfLoneSurrogate(message));
        Assert.True(message.Length <= 4_000, $"a {message.Length}-character message");
    }

    private static bool TryParse(string json, out JsonElement value)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            value = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            value = default;
            return false;
        }
        catch (ArgumentException)
        {
            // Raw lone surrogates cannot even be transcoded for parsing.
            value = default;
            return false;
        }
    }

    private static void Expect(FuzzReport report)
    {
        TestContext.Current.SendDiagnosticMessage(report.ToString());
        Assert.True(report.Failures.Count == 0, string.Join("\n\n", report.Failures));
    }
}
