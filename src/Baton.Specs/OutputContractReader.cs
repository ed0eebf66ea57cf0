using System.Text.Json;
using Baton.Agents;
using YamlDotNet.RepresentationModel;

namespace Baton.Specs;

/// <summary>Reads an agent's <c>output:</c> contract: <c>text</c>, <c>json</c>, or a JSON schema inline or in a file.</summary>
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
        foreach (var (key, value) in reader.Entries(node, $"'output' of agent '{agent}'", SpecParser.OutputKeys))
        {
            if (key.Value == "format")
            {
                declared = Format(value, agent);
            }
            else if (value is YamlMappingNode)
            {
                schema = YamlJson.ToElement(value);
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

        var format = declared ?? (schema is not null || schemaFile is not null ? AgentOutputFormat.Json : AgentOutputFormat.Text);
        return new OutputContractSpec { Format = format, Schema = schema, SchemaFile = schemaFile };
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
                reader.Error(node, $"Output format '{text}' of agent '{agent}' is not known; use 'text' or 'json'"
                    + (Orchestration.NameSuggestions.DidYouMean(text, ["text", "json"]) is { } g ? $" (did you mean '{g}'?)." : "."));
                return null;
        }
    }

    private JsonElement? ReadSchemaFile(YamlNode node, string path, string agent)
    {
        var full = Path.GetFullPath(Path.Combine(baseDirectory, path));
        if (!File.Exists(full))
        {
            reader.Error(node, $"Schema file '{path}' of agent '{agent}' does not exist (paths are relative to the spec file's folder).");
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(full));
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            reader.Error(node, $"Schema file '{path}' of agent '{agent}' is not valid JSON (line {ex.LineNumber + 1}): fix the file or inline the schema.");
            return null;
        }
    }
}
