using System.Text.Json;
using System.Text.Json.Serialization;
using Baton.Context;
using Baton.Journal;

namespace Baton;

/// <summary>Source-generated JSON metadata for Baton's serializable types (context and journal).</summary>
/// <remarks>
/// Reading is strict, since a stored journal row is outside input: <c>null</c> where a non-nullable text or a list is
/// declared, a missing constructor parameter, and a number no <see cref="double"/> holds, are
/// <see cref="JsonException"/>s rather than values that read and then fail when used or written again. (A list left
/// out reads as empty: the events' list properties never return a default array.)
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    AllowOutOfOrderMetadataProperties = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters =
    [
        typeof(FiniteDoubleConverter),
        typeof(StrictImmutableArrayConverter<string>),
        typeof(StrictImmutableArrayConverter<JournalMessage>),
        typeof(StrictImmutableArrayConverter<Validation.OutputValidationError>),
        typeof(StrictImmutableArrayConverter<CompletedStep>),
        typeof(StrictImmutableArrayConverter<HandoffOutput>),
    ])]
[JsonSerializable(typeof(HandoffContext))]
[JsonSerializable(typeof(AgentView))]
[JsonSerializable(typeof(JournalEvent))]
[JsonSerializable(typeof(List<JournalEvent>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class BatonJsonContext : JsonSerializerContext;
