using System.Globalization;
using System.Text.RegularExpressions;
using Baton.Context;

namespace Baton.Evaluation.Expectations;

/// <summary>The output's text matches (or, negated, does not match) a .NET regular expression, within a match timeout.</summary>
/// <remarks>Patterns come from data sets, so every match is bounded by <see cref="Timeout"/>; a match that runs out of time is an error, never a hang.</remarks>
public sealed record RegexExpectation : OutputExpectation
{
    /// <summary>The match timeout used when none is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);

    private readonly Regex _regex;

    /// <summary>Creates the expectation.</summary>
    /// <param name="pattern">The pattern (.NET syntax; inline options such as <c>(?i)</c> apply).</param>
    /// <param name="negate">Whether the output must not match.</param>
    /// <param name="timeout">The match timeout; <see langword="null"/> for <see cref="DefaultTimeout"/>.</param>
    /// <exception cref="ArgumentException">The pattern is not a valid regular expression, or the timeout is not positive.</exception>
    public RegexExpectation(string pattern, bool negate = false, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Timeout = timeout ?? DefaultTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(timeout));
        Pattern = pattern;
        Negate = negate;
        _regex = new Regex(pattern, RegexOptions.CultureInvariant, Timeout);
    }

    /// <summary>Gets the pattern.</summary>
    public string Pattern { get; }

    /// <summary>Gets whether the output must not match.</summary>
    public bool Negate { get; }

    /// <summary>Gets the match timeout.</summary>
    public TimeSpan Timeout { get; }

    /// <inheritdoc />
    public override string Kind => Negate ? "not_regex" : "regex";

    /// <inheritdoc />
    public override string Description => $"{OutputLabel(Output)} {(Negate ? "does not match" : "matches")} /{Clip(Pattern, 60)}/";

    /// <inheritdoc />
    protected override ValueTask<ExpectationResult> CheckOutputAsync(ExpectationContext context, HandoffOutput output, CancellationToken cancellationToken)
    {
        var text = ExpectationContext.TextOf(output);
        Match match;
        try
        {
            match = _regex.Match(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return ValueTask.FromResult(Error($"the pattern ran longer than the match timeout ({Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s) on '{output.Name}' ({text.Length} chars); simplify it (avoid nested quantifiers)"));
        }

        var result = (match.Success, Negate) switch
        {
            (true, false) => Pass($"matched \"{Clip(match.Value, 80)}\" at character {match.Index}"),
            (false, false) => Fail($"'{output.Name}' does not match: \"{Clip(text)}\""),
            (true, true) => Fail($"'{output.Name}' matches \"{Clip(match.Value, 80)}\" at character {match.Index}"),
            (false, true) => Pass($"'{output.Name}' does not match"),
        };
        return ValueTask.FromResult(result);
    }
}
