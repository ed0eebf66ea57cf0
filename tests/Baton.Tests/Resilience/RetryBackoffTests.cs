using Baton.Resilience;
using CsCheck;

namespace Baton.Tests.Resilience;

public class RetryBackoffTests
{
    [Fact]
    public void Compute_AnyInputs_StaysWithinJitterBoundsAndCap()
    {
        Gen.Select(Gen.Int[0, 80], Gen.Long[0, TimeSpan.FromMinutes(5).Ticks], Gen.Long[0, TimeSpan.FromHours(1).Ticks], Gen.Double.Unit, Gen.Bool)
            .Sample((retry, baseTicks, extraTicks, random, jitter) =>
            {
                var baseDelay = TimeSpan.FromTicks(baseTicks);
                var maxDelay = TimeSpan.FromTicks(baseTicks + extraTicks);
                var delay = RetryBackoff.Compute(retry, baseDelay, maxDelay, jitter, random);
                var exponential = Math.Min(maxDelay.Ticks, baseTicks * Math.Pow(2, retry));
                Assert.InRange(delay, TimeSpan.Zero, maxDelay);
                Assert.InRange(delay.Ticks, (long)Math.Floor(jitter ? exponential / 2 : exponential) - 1, (long)Math.Ceiling(exponential) + 1);
            });
    }

    [Fact]
    public void Compute_WithoutJitter_NeverDecreasesWithRetryNumber()
    {
        Gen.Select(Gen.Int[0, 70], Gen.Long[1, TimeSpan.FromSeconds(10).Ticks])
            .Sample((retry, baseTicks) =>
                RetryBackoff.Compute(retry + 1, TimeSpan.FromTicks(baseTicks), TimeSpan.FromMinutes(2), false, 0)
                >= RetryBackoff.Compute(retry, TimeSpan.FromTicks(baseTicks), TimeSpan.FromMinutes(2), false, 0));
    }

    [Fact]
    public void Compute_RetryAfterGiven_WinsOverBackoff()
    {
        Gen.Select(Gen.Int[0, 10], Gen.Long[0, TimeSpan.FromMinutes(10).Ticks], Gen.Double.Unit)
            .Sample((retry, afterTicks, random) =>
                RetryBackoff.Compute(retry, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), true, random, TimeSpan.FromTicks(afterTicks)) == TimeSpan.FromTicks(afterTicks));
    }
}
