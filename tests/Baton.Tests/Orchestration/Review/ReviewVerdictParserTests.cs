using Baton.Orchestration.Review;
using CsCheck;

namespace Baton.Tests.Orchestration.Review;

public class ReviewVerdictParserTests
{
    [Theory]
    [InlineData("APPROVED: reads well", "approved", "reads well")]
    [InlineData("approved:", "approved", "")]
    [InlineData("  \n\tApproved: fine", "approved", "fine")]
    [InlineData("REVISE: cut the second paragraph", "revise", "cut the second paragraph")]
    [InlineData("\nrevise:   shorter sentences  \n", "revise", "shorter sentences")]
    public void TryParse_Prefix_ReadsVerdictAndFeedback(string reply, string kind, string feedback)
    {
        Assert.True(ReviewVerdictParser.TryParse(reply, ReviewVerdictFormat.Prefix, out var verdict, out var error), error);
        Assert.Equal(new ReviewVerdict(new ReviewVerdictKind(kind), feedback), verdict);
    }

    [Theory]
    [InlineData("I approve this draft.")]
    [InlineData("The draft is good. APPROVED: yes")]
    [InlineData("APPROVED looks fine")]
    [InlineData("APPROVED : fine")]
    [InlineData("**APPROVED:** fine")]
    [InlineData("Approval: granted")]
    [InlineData("REVISE:")]
    [InlineData("REVISE:   ")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("\u00a0APPROVED: non-breaking space first")]
    [InlineData("\u3000APPROVED: ideographic space first")]
    [InlineData("\u2028APPROVED: line separator first")]
    [InlineData("\ufeffAPPROVED: byte-order mark first")]
    [InlineData("\u2003REVISE: em space first")]
    [InlineData("APPROVED\uff1a full-width colon")]
    [InlineData("REV\u0131SE: dotless i")]
    public void TryParse_Prefix_AnythingElseIsNoVerdict(string? reply)
    {
        Assert.False(ReviewVerdictParser.TryParse(reply, ReviewVerdictFormat.Prefix, out var verdict, out var error));
        Assert.Null(verdict);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("""{"verdict": "approved"}""", "approved", "")]
    [InlineData("""{"verdict": " APPROVED ", "feedback": "great"}""", "approved", "great")]
    [InlineData("Here you go:\n```json\n{\"verdict\": \"revise\", \"feedback\": \"add a source\"}\n```", "revise", "add a source")]
    public void TryParse_Json_ReadsVerdict(string reply, string kind, string feedback)
    {
        Assert.True(ReviewVerdictParser.TryParse(reply, ReviewVerdictFormat.Json, out var verdict, out var error), error);
        Assert.Equal(new ReviewVerdict(new ReviewVerdictKind(kind), feedback), verdict);
    }

    [Theory]
    [InlineData("APPROVED: fine")]
    [InlineData("""{"verdict": "ok"}""")]
    [InlineData("""{"verdict": "revise"}""")]
    [InlineData("""{"verdict": true}""")]
    [InlineData("""{"verdict": "approved", "feedback": 3}""")]
    [InlineData("""["approved"]""")]
    [InlineData("""{"verdict": "\ud83d"}""")]
    [InlineData("""{"verdict": "approved", "feedback": "\udc00"}""")]
    [InlineData("""{"verdict": "appr\u043Eved"}""")]
    [InlineData("Draft said {\"verdict\": \"approved\"} but I say {\"verdict\": \"revise\", \"feedback\": \"no\"}")]
    public void TryParse_Json_InvalidVerdictsAreRejected(string reply)
    {
        Assert.False(ReviewVerdictParser.TryParse(reply, ReviewVerdictFormat.Json, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void TryParse_Json_TwoDifferentVerdicts_SaysWhyAndHowToFix()
    {
        const string Reply = "The example was ```json\n{\"verdict\": \"approved\"}\n```, my verdict: ```json\n{\"verdict\": \"revise\", \"feedback\": \"x\"}\n```";

        Assert.False(ReviewVerdictParser.TryParse(Reply, ReviewVerdictFormat.Json, out _, out var error));
        Assert.Contains("more than one different JSON value", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Prefix_LoneSurrogateInFeedback_BecomesAReplacementCharacter()
    {
        Assert.True(ReviewVerdictParser.TryParse("REVISE: fix \ud83d this", ReviewVerdictFormat.Prefix, out var verdict, out _));
        Assert.Equal("fix \uFFFD this", verdict.Feedback);
    }

    [Theory]
    [InlineData(" \t\r\nAPPROVED: ok")]
    [InlineData("\r\n\r\nREVISE: more detail")]
    public void TryParse_Prefix_DocumentedWhitespaceIsSkipped(string reply)
    {
        Assert.True(ReviewVerdictParser.TryParse(reply, ReviewVerdictFormat.Prefix, out _, out var error), error);
    }

    [Fact]
    public void TryParse_RandomText_NeverThrowsAndApprovesOnlyWithLeadingKeyword()
    {
        var noisy = Gen.Char["APROVEDapr:vis {}\"\n ."].Array[0, 40].Select(c => new string(c));
        Gen.Select(Gen.OneOf(Gen.String, noisy), Gen.Bool).Sample((reply, json) =>
        {
            var format = json ? ReviewVerdictFormat.Json : ReviewVerdictFormat.Prefix;
            var ok = ReviewVerdictParser.TryParse(reply, format, out var verdict, out var error);
            Assert.Equal(ok, error is null);
            if (ok && !json && verdict!.IsApproved)
            {
                Assert.True(System.Text.Ascii.EqualsIgnoreCase(reply.TrimStart(' ', '\t', '\r', '\n').AsSpan(0, 9), "APPROVED:"), reply);
            }
        });
    }
}
