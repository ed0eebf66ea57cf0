using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Baton.Providers.Llama;

/// <summary>
/// GBNF grammars (llama.cpp's grammar format, root rule <c>root</c>) that constrain a local model's sampling so its
/// output is well-formed by construction: any JSON object, a supervisor decision naming an allowed agent, or a
/// review verdict.
/// </summary>
/// <remarks>
/// Every grammar is bounded (string lengths, members, nesting), so even a model that never "wants" to stop must
/// complete a valid output within a known number of tokens; once the grammar is complete only end-of-generation
/// can be sampled. Strings are printable ASCII without quotes or backslashes, which keeps them valid JSON.
/// </remarks>
public static class GbnfGrammars
{
    /// <summary>The name of the start rule of every grammar here.</summary>
    public const string RootRule = "root";

    private const string StringChar = @"[\x20\x21\x23-\x5B\x5D-\x7E]";

    /// <summary>A grammar for one JSON object, of bounded size.</summary>
    /// <param name="maxDepth">How deeply objects and arrays may nest; 1 allows only scalar members.</param>
    /// <param name="maxMembers">The most members an object, or items an array, may have.</param>
    /// <param name="maxStringLength">The most characters a string may have.</param>
    /// <returns>The GBNF text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not positive.</exception>
    public static string JsonObject(int maxDepth = 3, int maxMembers = 8, int maxStringLength = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDepth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMembers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxStringLength);
        var sb = new StringBuilder();
        sb.Append("root ::= obj0\n");
        for (var depth = 0; depth < maxDepth; depth++)
        {
            var value = $"val{depth + 1}";
            sb.Append(CultureInfo.InvariantCulture, $"obj{depth} ::= \"{{\" ws ( str ws \":\" ws {value}{More($"ws \",\" ws str ws \":\" ws {value}", maxMembers)} )? ws \"}}\"\n");
            sb.Append(CultureInfo.InvariantCulture, $"arr{depth} ::= \"[\" ws ( {value}{More($"ws \",\" ws {value}", maxMembers)} )? ws \"]\"\n");
            sb.Append(CultureInfo.InvariantCulture, $"{value} ::= ")
              .Append(depth + 1 < maxDepth ? string.Create(CultureInfo.InvariantCulture, $"obj{depth + 1} | arr{depth + 1} | lit\n") : "lit\n");
        }

        sb.Append("lit ::= str | num | \"true\" | \"false\" | \"null\"\n");
        sb.Append(@"num ::= ""-""? [0-9]{1,9} (""."" [0-9]{1,6})?").Append('\n');
        AppendCommon(sb, maxStringLength);
        return sb.ToString();
    }

    /// <summary>
    /// A grammar for Baton's supervisor decision: <c>{"next_agent": ..., "context_for_agent": "...", "reasoning": "..."}</c>,
    /// where <c>next_agent</c> is one of <paramref name="agents"/> or <c>DONE</c>.
    /// </summary>
    /// <param name="agents">The agents the supervisor may route to.</param>
    /// <param name="maxStringLength">The most characters <c>context_for_agent</c> and <c>reasoning</c> may have.</param>
    /// <returns>The GBNF text.</returns>
    /// <exception cref="ArgumentException"><paramref name="agents"/> is empty or holds an empty name.</exception>
    public static string SupervisorDecision(IEnumerable<string> agents, int maxStringLength = 256)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxStringLength);
        var names = agents.Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0 || names.Any(n => string.IsNullOrWhiteSpace(n) || n.Any(char.IsControl)))
        {
            throw new ArgumentException("A supervisor decision grammar needs at least one agent name, and no empty names or control characters.", nameof(agents));
        }

        if (!names.Contains("DONE", StringComparer.Ordinal))
        {
            names.Add("DONE");
        }

        var sb = new StringBuilder();
        sb.Append("root ::= \"{\" ws ").Append(Literal("\"next_agent\":")).Append(" ws agent ws \",\" ws ")
          .Append(Literal("\"context_for_agent\":")).Append(" ws str ws \",\" ws ")
          .Append(Literal("\"reasoning\":")).Append(" ws str ws \"}\"\n");
        sb.Append("agent ::= ").AppendJoin(" | ", names.Select(n => Literal(JsonString(n)))).Append('\n');
        AppendCommon(sb, maxStringLength);
        return sb.ToString();
    }

    /// <summary>
    /// A grammar whose every output is an instance of <paramref name="schema"/>: objects with their required properties
    /// (in declared order; all properties when none is required), enums, consts, <c>anyOf</c>/<c>oneOf</c>, arrays
    /// and string lengths within bounds, and <c>$ref</c> into <c>$defs</c>. <c>pattern</c>, <c>format</c> and numeric
    /// bounds are not enforced.
    /// </summary>
    /// <param name="schema">The JSON schema.</param>
    /// <param name="maxStringLength">The most characters a string without <c>maxLength</c> may have.</param>
    /// <param name="maxItems">The most items an array without <c>maxItems</c> may have.</param>
    /// <returns>The GBNF text.</returns>
    public static string FromJsonSchema(JsonElement schema, int maxStringLength = 256, int maxItems = 8)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxStringLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItems);
        return JsonSchemaGbnf.Translate(schema, maxStringLength, maxItems);
    }

    /// <summary>A grammar for a review verdict: <c>APPROVED:</c> or <c>REVISE:</c>, a space, then the feedback text.</summary>
    /// <param name="maxTextLength">The most characters the feedback may have.</param>
    /// <returns>The GBNF text.</returns>
    public static string Verdict(int maxTextLength = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTextLength);
        return "root ::= (\"APPROVED:\" | \"REVISE:\") \" \" text\n" +
               $"text ::= [\\x09\\x0A\\x20-\\x7E]{{1,{maxTextLength.ToString(CultureInfo.InvariantCulture)}}}\n";
    }

    private static void AppendCommon(StringBuilder sb, int maxStringLength)
    {
        sb.Append(CultureInfo.InvariantCulture, $"str ::= \"\\\"\" {StringChar}{{0,{maxStringLength}}} \"\\\"\"\n");
        sb.Append("ws ::= \" \"?\n");
    }

    private static string More(string item, int maxMembers) =>
        maxMembers > 1 ? $" ( {item} ){{0,{(maxMembers - 1).ToString(CultureInfo.InvariantCulture)}}}" : string.Empty;

    // A JSON string literal; names hold no control characters, so only quote and backslash need escaping.
    private static string JsonString(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    // A GBNF string literal: backslash and double quote escaped.
    private static string Literal(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
