using System.Text.RegularExpressions;
using Baton.Journal;
using Baton.Secrets;
using Baton.Tests.Journal;

namespace Baton.Tests.Secrets;

/// <summary>
/// Issue 11, class 2: a configured key is masked in every text of every journal event kind — messages, answers,
/// errors, reasons, outputs, people's answers and any kind added later — at the journal boundary.
/// </summary>
public sealed partial class JournalRedactionEveryKindTests
{
    private const string Key = "sk-ant-api03-EveryKind0Redaction1Key2abcdefghij";

    public static TheoryData<string> Kinds => [.. JournalSamples.RegisteredKinds().Select(k => k.Kind)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Apply_KeyInEveryTextOfTheKind_NoFragmentIsWritten(string kind)
    {
        var type = JournalSamples.RegisteredKinds().Single(k => k.Kind == kind).Type;
        var sample = JournalSerializer.Serialize(JournalSamples.Create(type, 1));

        // Every free text of the sample is "Type.Property": put the key inside each, whole and cut.
        var secret = SampleText().Replace(sample, m => $"\"{m.Groups[1].Value} {Key} and {Key[..24]}\"");
        var withKey = JournalSerializer.Deserialize(secret);

        var written = JournalSerializer.Serialize(JournalRedaction.Apply(withKey, new SecretRedactor(Key)));

        Assert.Contains(Key, JournalSerializer.Serialize(withKey), StringComparison.Ordinal);
        Assert.DoesNotContain(Key[..12], written, StringComparison.Ordinal);
        Assert.Equal(JournalSerializer.Serialize(withKey).Split(Key[..12]).Length - 1, written.Split(SecretRedactor.Mask).Length - 1);
    }

    [GeneratedRegex("\"([A-Z][A-Za-z]+\\.[A-Za-z]+(?:\\[0\\])?)\"")]
    private static partial Regex SampleText();
}
