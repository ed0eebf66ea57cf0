using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Baton.Evaluation.Json;

/// <summary>Source-generated JSON metadata for the types Baton.Evaluation serializes.</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class EvalJsonContext : JsonSerializerContext;
