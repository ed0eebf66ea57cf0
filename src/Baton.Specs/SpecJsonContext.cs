using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Baton.Specs;

/// <summary>Source-generated JSON metadata for the spec loader.</summary>
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class SpecJsonContext : JsonSerializerContext;
