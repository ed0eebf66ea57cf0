using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsCheck;

namespace Baton.Fuzz;

/// <summary>
/// Runs one fuzz target: input <c>i</c> is generated from a PCG seeded with <c>(target, BATON_FUZZ_SEED + i)</c>, so any
/// input is reproduced from its target and index alone, whatever the thread count. Every input must return (parse or
/// typed error) without an exception and within the target's time bound; an input that runs past the hang limit ends
/// the process with the input printed, since a stuck call cannot be stopped.
/// </summary>
/// <remarks>
/// Environment: <c>BATON_FUZZ_ITERATIONS</c> (inputs per target; CI default <see cref="DefaultIterations"/>),
/// <c>BATON_FUZZ_SEED</c> (base seed), <c>BATON_FUZZ_START</c> (first index, to replay one input), <c>BATON_FUZZ_THREADS</c>,
/// <c>BATON_FUZZ_REPORT</c> (a file each target appends its figures to).
/// </remarks>
internal static class FuzzRunner
{
    /// <summary>Inputs per target when BATON_FUZZ_ITERATIONS is not set: keeps all targets together near a minute on 2 cores.</summary>
    public const long DefaultIterations = 4_000;

    /// <summary>The run of a target stops after this many failures.</summary>
    private const int MaxFailures = 10;

    /// <summary>An input still running after this long is a hang: the process ends with the input printed.</summary>
    private static readonly TimeSpan s_hangLimit = TimeSpan.FromSeconds(60);

    public static long Iterations => Long("BATON_FUZZ_ITERATIONS") ?? DefaultIterations;

    private static ulong BaseSeed => (ulong)(Long("BATON_FUZZ_SEED") ?? 20_261_130);

    public static FuzzReport Run<T>(string target, Gen<T> gen, Action<T> check, Func<T, string> show, TimeSpan bound)
    {
        var iterations = Iterations;
        var start = Long("BATON_FUZZ_START") ?? 0;
        var threads = (int)(Long("BATON_FUZZ_THREADS") ?? Math.Min(Environment.ProcessorCount, 2));
        var stream = (uint)StableHash(target);
        var running = new ConcurrentDictionary<int, (long Index, long StartedAt)>();
        var failures = new ConcurrentQueue<string>();
        long done = 0, slowestTicks = 0, slowestIndex = -1;
        var clock = Stopwatch.StartNew();
        using var watchdog = new Timer(_ => CheckForHang(target, gen, show, stream, running), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, worker =>
        {
            // Keep going after a failure (up to ten), so one run reports several problems and a long campaign is not
            // cut short by one slow input on a busy machine.
            for (var i = start + worker; i < start + iterations && failures.Count < MaxFailures; i += threads)
            {
                var input = gen.Generate(new PCG(stream, BaseSeed + (ulong)i), null!, out _);
                running[worker] = (i, Stopwatch.GetTimestamp());
                var began = Stopwatch.GetTimestamp();
                try
                {
                    check(input);
                }
                catch (Exception ex)
                {
                    failures.Enqueue(Describe(target, i, show(input), $"{ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}"));
                }
                finally
                {
                    running.TryRemove(worker, out _);
                }

                var took = Stopwatch.GetTimestamp() - began;
                if (Stopwatch.GetElapsedTime(0, took) > bound)
                {
                    failures.Enqueue(Describe(target, i, show(input), $"took {Stopwatch.GetElapsedTime(0, took).TotalMilliseconds:0} ms, more than the {bound.TotalMilliseconds:0} ms bound"));
                }

                if (took > Interlocked.Read(ref slowestTicks))
                {
                    Interlocked.Exchange(ref slowestTicks, took);
                    Interlocked.Exchange(ref slowestIndex, i);
                }

                Interlocked.Increment(ref done);
            }
        });

        var report = new FuzzReport(target, done, clock.Elapsed, Stopwatch.GetElapsedTime(0, slowestTicks), slowestIndex, [.. failures]);
        Append(report);
        return report;
    }

    /// <summary>Shows an input as a C# string literal, so it can be pasted into a regression test.</summary>
    public static string Literal(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text.Length > 4000 ? text[..4000] : text)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < ' ' || c > '~' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return sb.Append(text.Length > 4000 ? $"\" /* {text.Length} chars, clipped */" : "\"").ToString();
    }

    private static void CheckForHang<T>(string target, Gen<T> gen, Func<T, string> show, uint stream, ConcurrentDictionary<int, (long Index, long StartedAt)> running)
    {
        foreach (var (_, (index, startedAt)) in running)
        {
            if (Stopwatch.GetElapsedTime(startedAt) > s_hangLimit)
            {
                var input = gen.Generate(new PCG(stream, BaseSeed + (ulong)index), null!, out _);
                var message = Describe(target, index, show(input), $"still running after {s_hangLimit.TotalSeconds:0} s (a hang)");
                Console.Error.WriteLine(message);
                Environment.FailFast(message);
            }
        }
    }

    private static string Describe(string target, long index, string input, string problem) =>
        $"{target}: input {index} (BATON_FUZZ_SEED={BaseSeed} BATON_FUZZ_START={index} BATON_FUZZ_ITERATIONS=1): {problem}\ninput: {input}";

    private static void Append(FuzzReport report)
    {
        if (Environment.GetEnvironmentVariable("BATON_FUZZ_REPORT") is { Length: > 0 } path)
        {
            File.AppendAllText(path, report + Environment.NewLine);
        }
    }

    private static long? Long(string variable) =>
        long.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    // string.GetHashCode is randomised per process; the stream must be the same in every run.
    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash & int.MaxValue;
    }
}
