using System.Text.Json;
using Baton.Agents;

namespace Baton.Specs;

/// <summary>What an agent must produce: text, or JSON optionally held to a JSON schema.</summary>
public sealed record OutputContractSpec
{
    /// <summary>Gets the contract of a plain-text output.</summary>
    public static OutputContractSpec Text { get; } = new() { Format = AgentOutputFormat.Text };

    /// <summary>Gets the output format.</summary>
    public required AgentOutputFormat Format { get; init; }

    /// <summary>Gets the JSON schema the output must match, if any (inline, or read from <see cref="SchemaFile"/>).</summary>
    public JsonElement? Schema { get; init; }

    /// <summary>Gets the schema file the schema was read from, relative to the spec, if it came from a file.</summary>
    public string? SchemaFile { get; init; }
}
