using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Baton.Cli;

/// <summary>Source-generated JSON metadata for the CLI's own files.</summary>
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
