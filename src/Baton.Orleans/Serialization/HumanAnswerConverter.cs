using System.Text.Json;
using Baton.Humans;

namespace Baton.Orleans.Serialization;

/// <summary>Converts <see cref="HumanAnswer"/> to and from its wire form.</summary>
/// <remarks>The answer is still hostile input after the trip: the waiting step reads and validates it like a local answer.</remarks>
[RegisterConverter]
internal sealed class HumanAnswerConverter : IConverter<HumanAnswer, HumanAnswerSurrogate>
{
    public HumanAnswer ConvertFromSurrogate(in HumanAnswerSurrogate surrogate)
    {
        var answer = surrogate.Kind switch
        {
            HumanAnswerKind.Json => HumanAnswer.FromJson(ParseJson(surrogate.Json)),
            HumanAnswerKind.Approve => HumanAnswer.Approve(surrogate.Text),
            HumanAnswerKind.Reject => HumanAnswer.Reject(surrogate.Text ?? string.Empty),
            _ => HumanAnswer.FromText(surrogate.Text ?? string.Empty),
        };
        return answer with { Step = surrogate.Step };
    }

    public HumanAnswerSurrogate ConvertToSurrogate(in HumanAnswer value) => new()
    {
        Kind = value.Kind,
        Text = value.Text,
        Json = value.Kind == HumanAnswerKind.Json ? value.Value?.GetRawText() : null,
        Step = value.Step,
    };

    private static JsonElement ParseJson(string? json)
    {
        using var document = JsonDocument.Parse(json ?? "null");
        return document.RootElement.Clone();
    }
}
