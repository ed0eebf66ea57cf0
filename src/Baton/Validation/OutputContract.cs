using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Json.Schema;

namespace Baton.Validation;

/// <summary>
/// What an agent's output must look like: a JSON Schema (from a C# type, a schema value or a schema file) plus
/// any custom <see cref="IOutputValidator"/> checks. An agent with a contract never hands on an output that breaks it.
/// </summary>
/// <remarks>
/// <para>Schemas are validated with JsonSchema.Net (draft 2020-12 unless the schema says otherwise). Each contract
/// builds its schema in a private registry, so two contracts with the same <c>$id</c> do not collide.</para>
/// <para>Instances are immutable and thread-safe; <see cref="WithValidator"/> returns a copy.</para>
/// </remarks>
public sealed class OutputContract
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
    /// <exception cref="ArgumentException">The file is not valid JSON or not a valid JSON Schema (the message names the file, line and position).</exception>
    public static OutputContract FromFile(string path, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The output contract schema file '{path}' does not exist. Check the path (relative paths resolve from '{Environment.CurrentDirectory}').", path);
        }

        JsonElement schema;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
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
    public OutputValidationResult Validate(JsonElement output)
    {
        var results = _compiled.Evaluate(output, s_evaluation);
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

        JsonSchema compiled;
        try
        {
            compiled = JsonSchema.Build(schema, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        }
        catch (Exception ex) when (ex is JsonSchemaException or JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new ArgumentException(
                $"The output contract '{name}'{(source is null ? string.Empty : $" in '{source}'")} is not a valid JSON Schema: {ex.Message}",
                nameof(schema),
                ex);
        }

        return new OutputContract(SafeName(name), schema, compiled, source, []);
    }

    // Providers accept schema names of letters, digits, '_' and '-' only.
    private static string SafeName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_'));
}
