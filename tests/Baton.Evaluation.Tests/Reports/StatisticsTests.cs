using Baton.Evaluation.Reports;
using CsCheck;

namespace Baton.Evaluation.Tests.Reports;

public sealed class StatisticsTests
{
    [Theory]
    [InlineData(8, 10, 0.4902, 0.9433)]
    [InlineData(0, 10, 0.0, 0.2775)]
    [InlineData(10, 10, 0.7225, 1.0)]
    [InlineData(1, 1, 0.2065, 1.0)]
    [InlineData(50, 100, 0.4038, 0.5962)]
    public void Wilson_KnownValues_MatchTheTextbookFigures(int successes, int trials, double lower, double upper)
    {
        var interval = ProportionInterval.Wilson(successes, trials);

        Assert.Equal(lower, interval.Lower, 4);
        Assert.Equal(upper, interval.Upper, 4);
        Assert.Equal(0.95, interval.Confidence);
        Assert.Equal("wilson", interval.Method);
    }

    [Fact]
    public void Wilson_AnyCounts_ContainsTheObservedRateInsideZeroToOne()
    {
        Gen.Int[1, 5000].SelectMany(n => Gen.Int[0, n].Select(k => (k, n))).Sample(t =>
        {
            var (k, n) = t;
            var interval = ProportionInterval.Wilson(k, n);
            var rate = (double)k / n;
            return interval.Lower >= 0 && interval.Upper <= 1 && interval.Lower <= rate + 1e-12 && rate <= interval.Upper + 1e-12;
        });
    }

    [Fact]
    public void Wilson_MoreTrials_NarrowsTheInterval()
    {
        Gen.Int[1, 1000].Sample(n =>
        {
            var small = ProportionInterval.Wilson(n / 2, n);
            var large = ProportionInterval.Wilson(n * 2 / 2, n * 2);
            return large.Upper - large.Lower <= small.Upper - small.Lower + 1e-12;
        });
    }

    [Fact]
    public void Wilson_BadCounts_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(-1, 2));
    }

    [Fact]
    public void Distribution_OneToHundred_IsNearestRank()
    {
        var d = Distribution.Of(Enumerable.Range(1, 100).Select(i => (double)i).Reverse());

        Assert.Equal(new Distribution(100, 50, 95, 100), d);
    }

    [Fact]
    public void Distribution_SmallSets_PickActualValues()
    {
        Assert.Equal(new Distribution(1, 7, 7, 7), Distribution.Of([7]));
        Assert.Equal(new Distribution(3, 2, 3, 3), Distribution.Of([3, 1, 2]));
        Assert.Equal(Distribution.Empty, Distribution.Of([]));
    }

    [Fact]
    public void Distribution_AnyValues_OrdersItsFiguresAndTakesThemFromTheSet()
    {
        Gen.Double[0, 1e6].Array[1, 300].Sample(values =>
        {
            var d = Distribution.Of(values);
            return d.P50 <= d.P95 && d.P95 <= d.Max && values.Contains(d.P50) && values.Contains(d.P95) && d.Max == values.Max() && d.Count == values.Length;
        });
    }
}
