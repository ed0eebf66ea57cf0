using System.Text.Json;
using System.Text.Json.Serialization;
using Baton.Context;
using Baton.Journal;

namespace Baton;

/// <summary>Source-generated JSON metadata for Baton's serializable types (context and journal).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(HandoffContext))]
[JsonSerializable(typeof(AgentView))]
[JsonSerializable(typeof(JournalEvent))]
[JsonSerializable(typeof(List<JournalEvent>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class BatonJsonContext : JsonSerializerContext;
