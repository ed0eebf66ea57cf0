using System.Text.Json;
using Baton.Context;
using Baton.Evaluation.Internal;

namespace Baton.Evaluation.Expectations;

/// <summary>
/// The value at a JSON path of the output equals a JSON value (deep equality; object property order does not
/// matter). An output that is text holding JSON is parsed first.
/// </summary>
/// <remarks>Paths: <c>$</c>, then <c>.name</c>, <c>['name']</c> and <c>[index]</c> (negative indexes count from the end).</remarks>
public sealed record JsonPathEqualsExpectation : OutputExpectation
{
    private const int MaxDepth = 64;

    private readonly JsonPath _path;

    /// <summary>Creates the expectation.</summary>
    /// <param name="path">The JSON path, for example <c>$.key_facts[0]</c>.</param>
    /// <param name="expected">The value expected there.</param>
    /// <exception cref="ArgumentException">The path is not valid.</exception>
    public JsonPathEqualsExpectation(string path, JsonElement expected)
    {
        if (!JsonPath.TryParse(path, out var parsed, out var error))
        {
            throw new ArgumentException($"'{path}' is not a JSON path: {error}.", nameof(path));
        }

        _path = parsed!;
        Path = path;
        Expected = expected.Clone();
    }

    /// <summary>Gets the JSON path.</summary>
    public string Path { get; }

    /// <summary>Gets the value expected at the path.</summary>
    public JsonElement Expected { get; }

    /// <inheritdoc />
    public override string Kind => "equals";

    /// <inheritdoc />
    public override string Description => $"{OutputLabel(Output)} at {Path} equals {Clip(Expected.GetRawText(), 60)}";

    /// <inheritdoc />
    protected override ValueTask<ExpectationResult> CheckOutputAsync(ExpectationContext context, HandoffOutput output, CancellationToken cancellationToken)
    {
        var root = output.Value;
        if (root.ValueKind == JsonValueKind.String && Path != "$")
        {
            var text = root.GetString()!.Trim();
            if (!TryParseEmbedded(text, out root))
            {
                return ValueTask.FromResult(Fail($"'{output.Name}' is text, not JSON, so it has nothing at {Path}: \"{Clip(text)}\""));
            }
        }

        if (!_path.TrySelect(root, out var actual, out var problem))
        {
            return ValueTask.FromResult(Fail($"in '{output.Name}', {problem}"));
        }

        return ValueTask.FromResult(JsonElement.DeepEquals(actual, Expected)
            ? Pass($"{Path} is {Clip(actual.GetRawText(), 80)}")
            : Fail($"{Path} is {Clip(actual.GetRawText(), 120)}, expected {Clip(Expected.GetRawText(), 120)}"));
    }

    private static bool TryParseEmbedded(string text, out JsonElement root)
    {
        root = default;
        if (text.Length == 0 || (text[0] != '{' && text[0] != '['))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth });
            root = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
