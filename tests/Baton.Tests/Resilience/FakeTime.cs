using Microsoft.Extensions.Time.Testing;

namespace Baton.Tests.Resilience;

/// <summary>Drives a task that waits on a <see cref="FakeTimeProvider"/> by advancing the clock in small steps.</summary>
internal static class FakeTime
{
    public static async Task<T> DriveAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan? step = null, int maxSteps = 100_000)
    {
        var increment = step ?? TimeSpan.FromMilliseconds(100);
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            // Let continuations register their timers before the clock moves.
            await Task.Delay(1, TestContext.Current.CancellationToken);
            time.Advance(increment);
        }

        return await task;
    }
}
