using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Baton.Validation;

/// <summary>
/// What an agent's output must look like: a JSON Schema (from a C# type, a schema value or a schema file) plus
/// any custom <see cref="IOutputValidator"/> checks. An agent with a contract never hands on an output that breaks it.
/// </summary>
/// <remarks>
/// <para>Schemas are validated with JsonSchema.Net: JSON Schema v1 unless the schema's <c>$schema</c> names draft
/// 2020-12, 2019-09 or 07. Each contract builds its schema in a private registry, so two contracts with the same
/// <c>$id</c> do not collide. Keywords no dialect defines are rejected (they are usually typos) unless they start
/// with <c>x-</c>, the convention for extension keywords, which are ignored.</para>
/// <para><b>Bounds.</b> Every <c>$ref</c> must resolve inside the schema when the contract is created: nothing is
/// fetched from the network. A <c>pattern</c> (or <c>patternProperties</c> key) match runs at most 100 ms; a match
/// that takes longer makes the output invalid with an error naming the pattern. <see cref="Validate"/> never throws
/// on an output's content: a string that is not valid Unicode or a number outside the range that can be compared
/// exactly (about ±7.9e28) is reported as a validation error.</para>
/// <para>Instances are immutable and thread-safe; <see cref="WithValidator"/> returns a copy.</para>
/// </remarks>
public sealed partial class OutputContract
{
    private static readonly EvaluationOptions s_evaluation = new() { OutputFormat = OutputFormat.List };
    private readonly JsonSchema _compiled;

    private OutputContract(string name, JsonElement schema, JsonSchema compiled, string? source, ImmutableArray<IOutputValidator> validators)
    {
        Name = name;
        Schema = schema;
        _compiled = compiled;
        Source = source;
        Validators = validators;
    }

    /// <summary>The largest schema file <see cref="FromFile"/> reads: 1 MiB.</summary>
    public const int MaxSchemaFileBytes = 1 << 20;

    /// <summary>Gets the contract's name, sent as the schema name when structured output is requested.</summary>
    public string Name { get; }

    /// <summary>Gets the JSON Schema the output must satisfy.</summary>
    public JsonElement Schema { get; }

    /// <summary>Gets the file the schema was read from, if any.</summary>
    public string? Source { get; }

    /// <summary>Gets the custom checks run after the schema passes, in order.</summary>
    public ImmutableArray<IOutputValidator> Validators { get; }

    /// <summary>Gets whether the agent asks its provider for structured output (<c>ChatResponseFormat.ForJsonSchema</c>).</summary>
    /// <value>The default is <see langword="true"/>. The output is validated either way.</value>
    public bool RequestStructuredOutput { get; init; } = true;

    /// <summary>Creates a contract whose schema is exported from <typeparamref name="T"/>'s JSON contract.</summary>
    /// <typeparam name="T">The output type.</typeparam>
    /// <param name="typeInfo">The type's JSON metadata (from a source-generated context), the same used to deserialize the output.</param>
    /// <param name="name">The contract name; the type's name when omitted.</param>
    /// <returns>The contract.</returns>
    public static OutputContract For<T>(JsonTypeInfo<T> typeInfo, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var node = typeInfo.GetJsonSchemaAsNode(new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });
        using var doc = JsonDocument.Parse(node.ToJsonString());
        return FromSchema(doc.RootElement, name ?? typeof(T).Name);
    }

    /// <summary>Creates a contract whose schema is exported from <typeparamref name="T"/> with the given serializer options.</summary>
    /// <typeparam name="T">The output type.</typeparam>
    /// <param name="options">The serializer options used to read the output (naming policy, resolver). Must have a type info resolver.</param>
    /// <param name="name">The contract name; the type's name when omitted.</param>
    /// <returns>The contract.</returns>
    /// <exception cref="InvalidOperationException">The options cannot describe <typeparamref name="T"/>.</exception>
    public static OutputContract For<T>(JsonSerializerOptions options, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return For((JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)), name);
    }

    /// <summary>Creates a contract from a JSON Schema value.</summary>
    /// <param name="schema">The schema (an object or a boolean).</param>
    /// <param name="name">The contract name, sent to providers as the schema name.</param>
    /// <returns>The contract.</returns>
    /// <exception cref="ArgumentException">The value is not a valid JSON Schema.</exception>
    public static OutputContract FromSchema(JsonElement schema, string name = "output") => Create(schema.Clone(), name, source: null);

    /// <summary>Reads a contract from a JSON Schema file.</summary>
    /// <param name="path">The schema file.</param>
    /// <param name="name">The contract name; the file name without extension when omitted.</param>
    /// <returns>The contract.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">
    /// The path is a directory or not a regular file, the file is larger than <see cref="MaxSchemaFileBytes"/>, or it
    /// is not valid JSON or not a valid JSON Schema (the message names the file, line and position).
    /// </exception>
    public static OutputContract FromFile(string path, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var read = BoundedTextFile.Read(path, MaxSchemaFileBytes);
        if (read.Status == BoundedTextFileStatus.Missing)
        {
            throw new FileNotFoundException($"The output contract schema file '{path}' does not exist. Check the path (relative paths resolve from '{Environment.CurrentDirectory}').", path);
        }

        if (read.Text is null)
        {
            throw new ArgumentException($"The output contract schema file '{path}' {read.Describe()}.", nameof(path));
        }

        JsonElement schema;
        try
        {
            using var doc = JsonDocument.Parse(read.Text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            schema = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new ArgumentException(
                $"The output contract schema file '{path}' is not valid JSON at line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1} (JSON path '{ex.Path ?? "$"}'): {ex.Message}",
                nameof(path),
                ex);
        }

        return Create(schema, name ?? Path.GetFileNameWithoutExtension(path), path);
    }

    /// <summary>Returns a copy of the contract with a custom check added.</summary>
    /// <param name="validator">The check; runs after the schema passes.</param>
    /// <returns>The new contract.</returns>
    public OutputContract WithValidator(IOutputValidator validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        return new OutputContract(Name, Schema, _compiled, Source, Validators.Add(validator)) { RequestStructuredOutput = RequestStructuredOutput };
    }

    /// <summary>Checks an output against the schema and then the custom checks.</summary>
    /// <param name="output">The output value.</param>
    /// <returns>The result: valid, or every error with its path.</returns>
    /// <remarks>Never throws on the output's content (see the type's remarks); a custom validator's exceptions propagate.</remarks>
    public OutputValidationResult Validate(JsonElement output)
    {
        if (JsonText.TryFindInvalidText(output, out var invalidAt))
        {
            return OutputValidationResult.FromErrors([new OutputValidationError(invalidAt, "This string holds a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff escape), which is not valid Unicode; write the character directly or as a complete surrogate pair.")]);
        }

        EvaluationResults results;
        try
        {
            results = _compiled.Evaluate(output, s_evaluation);
        }
        catch (RegexMatchTimeoutException ex)
        {
            return OutputValidationResult.FromErrors([new OutputValidationError(string.Empty, $"Checking a value against the pattern '{JsonText.Clip(ex.Pattern, 80)}' took longer than {SchemaDialects.PatternTimeout.TotalMilliseconds:0} ms and was stopped (pattern)." )]);
        }
        catch (InsufficientExecutionStackException)
        {
            return OutputValidationResult.FromErrors([new OutputValidationError(string.Empty, "The schema's references nest too deeply for this value to be checked (the check would overflow the stack); nest the value less deeply.")]);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            return OutputValidationResult.FromErrors(OutOfRangeNumbers(output));
        }
        catch (Exception ex) when (ex is JsonSchemaException or JsonException or InvalidOperationException or ArgumentException)
        {
            // Defence in depth: whatever else the library throws on content is an invalid output, not a failed run.
            return OutputValidationResult.FromErrors([new OutputValidationError(string.Empty, $"The output could not be checked against the schema: {JsonText.Clip(ex.Message, 300)}")]);
        }

        if (!results.IsValid)
        {
            return OutputValidationResult.FromErrors(SchemaErrors(results));
        }

        if (Validators.IsEmpty)
        {
            return OutputValidationResult.Valid;
        }

        return OutputValidationResult.FromErrors(Validators.SelectMany(v => v.Validate(output)));
    }

    private static List<OutputValidationError> SchemaErrors(EvaluationResults results)
    {
        var errors = new List<OutputValidationError>();
        Add(results, errors);
        foreach (var detail in results.Details ?? [])
        {
            Add(detail, errors);
        }

        if (errors.Count == 0)
        {
            errors.Add(new OutputValidationError(string.Empty, "The output does not match the schema."));
        }

        return errors;
    }

    private static List<OutputValidationError> OutOfRangeNumbers(JsonElement output)
    {
        var errors = new List<OutputValidationError>();
        Walk(output, string.Empty);
        if (errors.Count == 0)
        {
            errors.Add(new OutputValidationError(string.Empty, "The output holds a number that cannot be compared with the schema's values; write numbers within about ±7.9e28."));
        }

        return errors;

        void Walk(JsonElement value, string path)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Number when !value.TryGetDecimal(out _):
                    errors.Add(new OutputValidationError(path, $"The number {JsonText.Clip(value.GetRawText(), 40)} is outside the range that can be compared exactly (about ±7.9e28, 28 significant digits); write a number in that range."));
                    break;
                case JsonValueKind.Object:
                    foreach (var property in value.EnumerateObject())
                    {
                        Walk(property.Value, $"{path}/{property.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}");
                    }

                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        Walk(item, $"{path}/{index++}");
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static void Add(EvaluationResults node, List<OutputValidationError> errors)
    {
        if (node.Errors is null)
        {
            return;
        }

        foreach (var (keyword, message) in node.Errors)
        {
            var error = new OutputValidationError(node.InstanceLocation.ToString(), $"{message} ({keyword})");
            if (!errors.Contains(error))
            {
                errors.Add(error);
            }
        }
    }

    private static OutputContract Create(JsonElement schema, string name, string? source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (schema.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
        {
            throw new ArgumentException(
                $"The output contract{(source is null ? string.Empty : $" in '{source}'")} is a JSON {schema.ValueKind}, not a JSON Schema; a schema is an object such as {{\"type\":\"object\"}}.",
                nameof(schema));
        }

        var where = $"The output contract '{name}'{(source is null ? string.Empty : $" in '{source}'")}";
        if (JsonText.TryFindInvalidText(schema, out var invalidAt))
        {
            // The library cannot read (or even report) such a string; reject it here, saying where it is.
            throw new ArgumentException(
                $"{where} is not a valid JSON Schema: the string at '{JsonText.Clip(invalidAt, 200)}' holds a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff escape); write the character directly or as a complete pair.",
                nameof(schema));
        }

        JsonSchema compiled;
        try
        {
            compiled = Build(schema);
        }
        catch (Exception ex) when (ex is JsonSchemaException or JsonException or InvalidOperationException or ArgumentException or FormatException or OverflowException or UriFormatException)
        {
            var hint = UnknownKeywords(ex) is not null ? " Keywords are case-sensitive; name extension keywords with an 'x-' prefix." : string.Empty;
            throw new ArgumentException($"{where} is not a valid JSON Schema: {ex.Message}{hint}", nameof(schema), ex);
        }

        if (SchemaGraph.UnresolvedReference(compiled) is { } reference)
        {
            throw new ArgumentException(
                $"{where} is not a valid JSON Schema: its $ref '{JsonText.Clip(reference, 200)}' does not resolve to a schema inside it. "
                + "Define the target under \"$defs\" and refer to it as \"#/$defs/<name>\"; schemas are never fetched from the network.",
                nameof(schema));
        }

        if (SchemaGraph.EvaluationProblem(compiled) is { } problem)
        {
            throw new ArgumentException($"{where} cannot be used: {problem}", nameof(schema));
        }

        return new OutputContract(SafeName(name), schema, compiled, source, []);
    }

    // Strict first, so a misspelt keyword is an error. When the dialect rejects an unknown keyword (it names only the
    // first), the schema is built again with unknown keywords allowed and every unknown keyword found: x- extensions
    // are ignored, any other is reported.
    private static JsonSchema Build(JsonElement schema)
    {
        try
        {
            return JsonSchema.Build(schema, SchemaDialects.Options(allowUnknownKeywords: false));
        }
        catch (JsonSchemaException ex) when (UnknownKeywords(ex) is not null)
        {
            var lenient = JsonSchema.Build(schema, SchemaDialects.Options(allowUnknownKeywords: true));
            var unknown = SchemaGraph.UnknownKeywords(lenient).Where(k => !k.StartsWith("x-", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
            return unknown.Count == 0
                ? lenient
                : throw new JsonSchemaException($"Unknown keywords ({string.Join(", ", unknown.Select(k => JsonText.Clip(k, 40)))}) are disallowed for this dialect.");
        }
    }

    private static string[]? UnknownKeywords(Exception ex)
    {
        var match = ex is JsonSchemaException ? UnknownKeywordsMessage().Match(ex.Message) : Match.Empty;
        return match.Success ? match.Groups["keywords"].Value.Split(", ") : null;
    }

    // Providers accept schema names of letters, digits, '_' and '-' only.
    private static string SafeName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_'));

    [GeneratedRegex(@"^Unknown keywords \((?<keywords>.*)\) are disallowed", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UnknownKeywordsMessage();
}
