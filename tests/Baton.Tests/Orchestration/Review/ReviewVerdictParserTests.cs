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
    public void TryParse_Json_InvalidVerdictsAreRejected(string reply)
    {
        Assert.False(ReviewVerdictParser.TryParse(reply, ReviewVerdictFormat.Json, out _, out var error));
        Assert.NotNull(error);
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
                Assert.StartsWith("APPROVED:", reply.TrimStart(), StringComparison.OrdinalIgnoreCase);
            }
        });
    }
}
