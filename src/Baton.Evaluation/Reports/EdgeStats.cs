namespace Baton.Evaluation.Reports;

/// <summary>
/// One handoff edge (agent N-1 → agent N) over every run of an evaluation: how often the receiving step had
/// validation failures, re-asks, fallbacks, context compression or failed calls. Rates are the share of the edge's
/// handoffs whose receiving step had at least one.
/// </summary>
/// <param name="From">The agent that handed over, or <see langword="null"/> for the start of a run.</param>
/// <param name="To">The agent that took over.</param>
/// <param name="Handoffs">The handoffs along this edge.</param>
/// <param name="WithValidationFailures">Handoffs whose receiver had a reply rejected.</param>
/// <param name="WithReasks">Handoffs whose receiver was asked again.</param>
/// <param name="WithFallbacks">Handoffs whose receiving step used a fallback.</param>
/// <param name="WithCompressions">Handoffs whose receiver's view was compressed.</param>
/// <param name="WithFailedCalls">Handoffs whose receiver had a call that threw.</param>
public sealed record EdgeStats(string? From, string To, int Handoffs, int WithValidationFailures, int WithReasks, int WithFallbacks, int WithCompressions, int WithFailedCalls)
{
    /// <summary>Gets the handoffs whose receiving step had any of the troubles counted here.</summary>
    public int WithTrouble { get; init; }

    /// <summary>Gets the edge as <c>from → to</c> (<c>(start)</c> for the first step).</summary>
    public string Label => $"{From ?? "(start)"} → {To}";

    /// <summary>Gets the share of handoffs with a validation failure.</summary>
    public double ValidationFailureRate => Rate(WithValidationFailures);

    /// <summary>Gets the share of handoffs with a re-ask.</summary>
    public double ReaskRate => Rate(WithReasks);

    /// <summary>Gets the share of handoffs with a fallback.</summary>
    public double FallbackRate => Rate(WithFallbacks);

    /// <summary>Gets the share of handoffs with context compression.</summary>
    public double CompressionRate => Rate(WithCompressions);

    /// <summary>Gets the share of handoffs with a failed call.</summary>
    public double FailedCallRate => Rate(WithFailedCalls);

    /// <summary>Gets the share of handoffs with any trouble: the figure edges are ranked by, weakest first.</summary>
    public double TroubleRate => Rate(WithTrouble);

    private double Rate(int count) => Handoffs == 0 ? 0 : (double)count / Handoffs;
}
