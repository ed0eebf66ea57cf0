using System.Text.Json;
using CsCheck;
using Json.Schema;
using Microsoft.Extensions.AI;

namespace Baton.Providers.Tests;

public sealed class RehearsalPropertyTests
{
    private static readonly Gen<string> s_name = Gen.OneOf(Gen.Const("title"), Gen.Const("facts"), Gen.Const("score"), Gen.Const("note"), Gen.Const("a_b"));

    private static Gen<string> Leaf() => Gen.OneOf(
        Gen.Const("""{"type":"string"}"""),
        Gen.Int[0, 30].Select(n => $$"""{"type":"string","minLength":{{n}}}"""),
        Gen.Int[1, 8].Select(n => $$"""{"type":"string","maxLength":{{n}}}"""),
        Gen.Int[-50, 50].SelectMany(lo => Gen.Int[0, 40].Select(span => $$"""{"type":"integer","minimum":{{lo}},"maximum":{{lo + span}}}""")),
        Gen.Int[-50, 50].Select(lo => $$"""{"type":"number","exclusiveMinimum":{{lo}}}"""),
        Gen.Const("""{"type":"boolean"}"""),
        Gen.Const("""{"type":["string","null"]}"""),
        Gen.Const("""{"enum":["first","second"]}"""),
        Gen.Const("""{"const":42}"""),
        Gen.Const("""{"type":"string","format":"date-time"}"""));

    private static Gen<string> Schema(int depth) => depth == 0 ? Leaf() : Gen.OneOf(
        Leaf(),
        Schema(depth - 1).Array[0, 4].SelectMany(children => s_name.Array[children.Length].SelectMany(names => Gen.Bool.Select(requireAll =>
        {
            var unique = names.Select((n, i) => $"{n}{i}").ToArray();
            var properties = string.Join(",", unique.Select((n, i) => $"\"{n}\":{children[i]}"));
            var required = requireAll ? string.Join(",", unique.Select(n => $"\"{n}\"")) : string.Empty;
            return $$"""{"type":"object","properties":{{{properties}}},"required":[{{required}}],"additionalProperties":false}""";
        }))),
        Schema(depth - 1).SelectMany(items => Gen.Int[0, 3].Select(min => $$"""{"type":"array","items":{{items}},"minItems":{{min}},"maxItems":{{min + 2}}}""")),
        Schema(depth - 1).Array[1, 3].Select(branches => $$"""{"anyOf":[{{string.Join(",", branches)}}]}"""));

    [Fact]
    public void GetResponse_AnyGeneratedSchema_AnswerValidatesAgainstIt()
    {
        using var client = new RehearsalChatClient();
        Schema(3).Sample(schemaText =>
        {
            var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(schemaText).RootElement) };
            var text = client.GetResponseAsync([new ChatMessage(ChatRole.User, "## Your role\nx\n")], options).GetAwaiter().GetResult().Text;
            var result = JsonSchema.FromText(schemaText).Evaluate(JsonDocument.Parse(text).RootElement, new EvaluationOptions { RequireFormatValidation = true });
            return result.IsValid;
        }, iter: 500);
    }

    [Fact]
    public void GetResponse_AnySupervisorPrompt_RoutesOnlyToListedAgentsOrDone()
    {
        using var client = new RehearsalChatClient();
        var agents = Gen.OneOf(Gen.Const("billing"), Gen.Const("tech"), Gen.Const("escalation"), Gen.Const("classifier")).Array[1, 4];
        Gen.Select(agents, agents, Gen.String).Sample((listed, done, noise) =>
        {
            var completed = string.Join("\n", done.Select((a, i) => $"{i + 1}. {a}: {noise.Replace('\n', ' ')}"));
            var prompt = $"## Task\n{noise}\n\n## Completed steps\n{completed}\n\nAllowed agents: {string.Join(", ", listed)}\nAnswer with next_agent.\n\n## Your role\nsupervisor\n";
            var text = client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)]).GetAwaiter().GetResult().Text;
            var next = JsonDocument.Parse(text).RootElement.GetProperty("next_agent").GetString();
            var expected = listed.Distinct().FirstOrDefault(a => !done.Contains(a)) ?? "DONE";
            return next == expected;
        }, iter: 300);
    }
}
