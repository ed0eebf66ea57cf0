using System.Text;

namespace Baton;

/// <summary>A per-thread cached <see cref="StringBuilder"/> for building prompts and other hot-path strings.</summary>
/// <remarks>
/// Prompts are rebuilt for every agent call; reusing one builder per thread avoids re-growing its buffers each time.
/// Builders that grew past <see cref="MaxCachedCapacity"/> are dropped so a huge prompt does not pin memory.
/// </remarks>
internal static class PooledStringBuilder
{
    private const int MaxCachedCapacity = 16 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_cached;

    /// <summary>Takes the thread's cached builder (empty), or a new one.</summary>
    /// <param name="capacity">The capacity wanted.</param>
    /// <returns>An empty builder; give it back with <see cref="ToStringAndRelease"/>.</returns>
    public static StringBuilder Acquire(int capacity = 256)
    {
        var builder = t_cached;
        if (builder is not null && capacity <= builder.Capacity)
        {
            t_cached = null;
            builder.Clear();
            return builder;
        }

        return new StringBuilder(capacity);
    }

    /// <summary>Returns the builder's text and caches the builder for the next <see cref="Acquire"/> on this thread.</summary>
    /// <param name="builder">A builder from <see cref="Acquire"/>.</param>
    /// <returns>The text.</returns>
    public static string ToStringAndRelease(StringBuilder builder)
    {
        var text = builder.ToString();
        if (builder.Capacity <= MaxCachedCapacity)
        {
            t_cached = builder;
        }

        return text;
    }
}
