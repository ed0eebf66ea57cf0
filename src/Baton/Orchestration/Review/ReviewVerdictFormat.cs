namespace Baton.Orchestration.Review;

/// <summary>How a reviewer states its verdict.</summary>
public enum ReviewVerdictFormat
{
    /// <summary>The reply starts with <c>APPROVED:</c> or <c>REVISE:</c> (see <see cref="ReviewVerdictParser"/>).</summary>
    Prefix = 0,

    /// <summary>The reply is a JSON object <c>{"verdict": "approved|revise", "feedback": "..."}</c>.</summary>
    Json,
}
