using Microsoft.Extensions.AI;

namespace Baton.Evaluation.Internal;

/// <summary>One model call a judge made (or had answered from a recording), as it will be journaled.</summary>
internal sealed record JudgeCallRecord
{
    public required IReadOnlyList<ChatMessage> Messages { get; init; }

    public required string RequestHash { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset EndedAt { get; init; }

    public double LatencyMs { get; init; }

    public string? Text { get; init; }

    public string? ErrorType { get; init; }

    public string? ErrorMessage { get; init; }

    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public string? ModelId { get; init; }

    /// <summary>Gets the judge run whose journal already holds this answer, when it was answered from a recording.</summary>
    public string? RecordedRunId { get; init; }
}
