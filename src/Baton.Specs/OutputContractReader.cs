using System.Text.Json;
using Baton.Agents;
using Baton.Validation;
using YamlDotNet.RepresentationModel;

namespace Baton.Specs;

/// <summary>Reads an agent's <c>output:</c> contract: <c>text</c>, <c>json</c>, or a JSON schema inline or in a file.</summary>
/// <remarks>
/// A schema is checked as the run will use it (<see cref="OutputContract.FromSchema"/>): a schema the library
/// rejects, or whose <c>$ref</c> does not resolve, is a located error here rather than a failure at run time.
/// Schema files are read only when they are regular files of at most <see cref="OutputContract.MaxSchemaFileBytes"/>.
/// </remarks>
internal sealed class OutputContractReader(YamlReader reader, string baseDirectory)
{
    public OutputContractSpec Read(YamlNode node, string agent)
    {
        if (node is YamlScalarNode scalar)
        {
            return Format(scalar, agent) is { } f ? new OutputContractSpec { Format = f } : OutputContractSpec.Text;
        }

        AgentOutputFormat? declared = null;
        JsonElement? schema = null;
        string? schemaFile = null;
        YamlNode? schemaNode = null;
        foreach (var (key, _, value) in reader.Entries(node, $"'output' of agent '{agent}'", SpecParser.OutputKeys))
        {
            if (key == "format")
            {
                declared = Format(value, agent);
                continue;
            }

            schemaNode = value;
            if (value is YamlMappingNode)
            {
                schema = new YamlJson(reader).ToElement(value, $"the schema of agent '{agent}'");
            }
            else if (reader.String(value, "'schema'") is { Length: > 0 } path)
            {
                schemaFile = path;
                schema = ReadSchemaFile(value, path, agent);
            }
            else
            {
                reader.Error(value, $"'schema' of agent '{agent}' must be an inline JSON schema (a mapping) or the path of a .json schema file relative to the spec.");
            }
        }

        if (declared == AgentOutputFormat.Text && (schema is not null || schemaFile is not null))
        {
            reader.Error(node, $"Agent '{agent}' has a schema but 'format: text'; a schema needs 'format: json' (or leave format out).");
        }

        if (schema is { ValueKind: not JsonValueKind.Object })
        {
            reader.Error(node, $"The schema of agent '{agent}' must be a JSON object (for example 'type: object'), not {schema.Value.ValueKind}.");
            schema = null;
        }
        else if (schema is { } value && schemaNode is not null && !IsValidSchema(value, schemaNode, agent, schemaFile))
        {
            schema = null;
        }

        var format = declared ?? (schema is not null || schemaFile is not null ? AgentOutputFormat.Json : AgentOutputFormat.Text);
        return new OutputContractSpec { Format = format, Schema = schema, SchemaFile = schemaFile };
    }

    private bool IsValidSchema(JsonElement schema, YamlNode node, string agent, string? file)
    {
        try
        {
            _ = OutputContract.FromSchema(schema, agent.Replace('-', '_'));
            return true;
        }
        catch (ArgumentException ex)
        {
            // The library's message starts "The output contract '<name>' is not a valid JSON Schema: ..."; the location says the rest.
            var reason = ex.Message;
            var colon = reason.IndexOf(": ", StringComparison.Ordinal);
            reason = colon > 0 && reason.StartsWith("The output contract", StringComparison.Ordinal) ? reason[(colon + 2)..] : reason;
            reader.Error(node, $"The schema of agent '{agent}'{(file is null ? string.Empty : $" (file {YamlReader.Quote(file)})")} is not a valid JSON Schema: {reason}");
            return false;
        }
    }

    private AgentOutputFormat? Format(YamlNode node, string agent)
    {
        var text = reader.String(node, $"'output' of agent '{agent}'");
        switch (text)
        {
            case "text": return AgentOutputFormat.Text;
            case "json": return AgentOutputFormat.Json;
            case null: return null;
            default:
                reader.Error(node, $"Output format {YamlReader.Quote(text)} of agent '{agent}' is not known; use 'text' or 'json'"
                    + (Orchestration.NameSuggestions.DidYouMean(text, ["text", "json"]) is { } g ? $" (did you mean '{g}'?)." : "."));
                return null;
        }
    }

    private JsonElement? ReadSchemaFile(YamlNode node, string path, string agent)
    {
        string full;
        try
        {
            full = Path.GetFullPath(Path.Combine(baseDirectory, path));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            reader.Error(node, $"Schema file {YamlReader.Quote(path)} of agent '{agent}' is not a valid path: {ex.Message}");
            return null;
        }

        var read = BoundedTextFile.Read(full, OutputContract.MaxSchemaFileBytes);
        if (read.Text is null)
        {
            reader.Error(node, $"Schema file {YamlReader.Quote(path)} of agent '{agent}' {read.Describe()} (paths are relative to the spec file's folder).");
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(read.Text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            reader.Error(node, $"Schema file {YamlReader.Quote(path)} of agent '{agent}' is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}): fix the file or inline the schema.");
            return null;
        }
    }
}
