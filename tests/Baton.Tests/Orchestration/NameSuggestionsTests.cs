using Baton.Orchestration;

namespace Baton.Tests.Orchestration;

public sealed class NameSuggestionsTests
{
    [Theory]
    [InlineData("biling", "billing")]
    [InlineData("Tech", "tech")]
    [InlineData("esc", "escalation")]
    public void DidYouMean_CloseName_IsSuggested(string name, string expected)
    {
        Assert.Equal(expected, NameSuggestions.DidYouMean(name, ["billing", "tech", "escalation"]));
    }

    [Fact]
    public void DidYouMean_EmptyCandidate_IsNeverSuggested()
    {
        Assert.Null(NameSuggestions.DidYouMean("zzzzzzzz", ["", "billing"]));
    }

    [Fact]
    public void DidYouMean_HugeNameAndCandidates_AnswersAtOnce()
    {
        // Issue 11: 41 s for a 120k-character name; names past MaxNameLength are never compared.
        var huge = new string('a', 120_000);
        var other = new string('a', 119_999) + "b";
        var candidates = Enumerable.Repeat(other, 10_000).Append("billing");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Null(NameSuggestions.DidYouMean(huge, candidates));
        Assert.Null(NameSuggestions.DidYouMean("billing2", Enumerable.Repeat(huge, 3)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }
}
