namespace Baton.Evaluation.Datasets;

/// <summary>Bounds on reading a data set: data sets are input from outside, so every size is limited.</summary>
public sealed record DatasetReadOptions
{
    /// <summary>Gets the largest file read, in bytes.</summary>
    /// <value>The default is 64 MiB.</value>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Gets the longest line, in characters.</summary>
    /// <value>The default is 1,048,576 (1 Mi characters).</value>
    public int MaxLineLength { get; init; } = 1024 * 1024;

    /// <summary>Gets the most cases read.</summary>
    /// <value>The default is 100,000.</value>
    public int MaxCases { get; init; } = 100_000;

    /// <summary>Gets the most problems reported before reading stops.</summary>
    /// <value>The default is 50.</value>
    public int MaxErrors { get; init; } = 50;

    /// <summary>Gets the match timeout of regex expectations.</summary>
    /// <value>The default is <see cref="Expectations.RegexExpectation.DefaultTimeout"/> (1 second).</value>
    public TimeSpan RegexTimeout { get; init; } = Expectations.RegexExpectation.DefaultTimeout;
}
