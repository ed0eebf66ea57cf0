using System.Diagnostics;

namespace Baton.Specs.Tests;

/// <summary>Runs a call on its own thread and fails the test when it does not return in time (a hang must not hang the suite).</summary>
internal static class Bounded
{
    public static T Run<T>(Func<T> call, int seconds = 10)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = call();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }, maxStackSize: 16 * 1024 * 1024) { IsBackground = true };
        var clock = Stopwatch.StartNew();
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(seconds)), $"The call did not return within {seconds} s.");
        Assert.Null(failure);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(seconds));
        return result;
    }
}
