using Baton.Humans;

namespace Baton.Orleans.Serialization;

/// <summary>The wire form of <see cref="HumanAnswer"/> (a core type Orleans does not know); a JSON answer travels as its text.</summary>
[GenerateSerializer]
[Alias("baton.HumanAnswer")]
internal struct HumanAnswerSurrogate
{
    [Id(0)]
    public HumanAnswerKind Kind;

    [Id(1)]
    public string? Text;

    [Id(2)]
    public string? Json;

    [Id(3)]
    public int? Step;
}
