using System.Text.Json.Serialization;

namespace Baton.Providers;

/// <summary>Source-generated JSON for this package's own payloads.</summary>
[JsonSerializable(typeof(RehearsalDecision))]
[JsonSerializable(typeof(string))]
internal sealed partial class ProvidersJsonContext : JsonSerializerContext;
