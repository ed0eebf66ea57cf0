using System.Text.Json;
using System.Text.Json.Serialization;

namespace Baton.Guards;

/// <summary>
/// Which configured limit a run reached, recorded on <see cref="Journal.GuardTriggered"/> and
/// <see cref="Journal.RunEnded"/> so tools can name the setting the user wrote (a spec key, an option) instead of a
/// C# property.
/// </summary>
/// <remarks>
/// <para>Run-wide limits (<see cref="RunLimits"/>) are <c>run.*</c>; an orchestration's own limits are named after
/// it: <c>supervisor.*</c>, <c>review.*</c>. A string-backed value, compared ordinally.</para>
/// <para>The <c>baton</c> CLI maps them to spec keys: <c>run.max_steps</c> → <c>limits.max_steps</c>,
/// <c>run.deadline</c> → <c>limits.deadline</c>, <c>run.token_budget</c> → <c>limits.token_budget</c>,
/// <c>supervisor.max_steps</c> and <c>review.max_rounds</c> → the flow's <c>max_rounds</c>.</para>
/// </remarks>
[JsonConverter(typeof(Converter))]
public readonly struct LimitKind : IEquatable<LimitKind>
{
    private readonly string? _value;

    /// <summary>Creates a limit kind from its name.</summary>
    /// <param name="value">The name, for example <c>run.max_steps</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty.</exception>
    public LimitKind(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets the run's step limit (<see cref="RunLimits.MaxSteps"/>).</summary>
    public static LimitKind RunMaxSteps { get; } = new("run.max_steps");

    /// <summary>Gets the run's deadline (<see cref="RunLimits.Deadline"/>).</summary>
    public static LimitKind RunDeadline { get; } = new("run.deadline");

    /// <summary>Gets the run's token budget (<see cref="RunLimits.TokenBudget"/>).</summary>
    public static LimitKind RunTokenBudget { get; } = new("run.token_budget");

    /// <summary>Gets a supervisor's routing limit (<see cref="Orchestration.Supervisor.SupervisorOptions.MaxSteps"/>).</summary>
    public static LimitKind SupervisorMaxSteps { get; } = new("supervisor.max_steps");

    /// <summary>Gets a supervisor's decision re-asks (<see cref="Orchestration.Supervisor.SupervisorOptions.MaxDecisionReasks"/>).</summary>
    public static LimitKind SupervisorMaxDecisionReasks { get; } = new("supervisor.max_decision_reasks");

    /// <summary>Gets a review loop's round limit (<see cref="Orchestration.Review.ReviewLoopOptions.MaxRounds"/>).</summary>
    public static LimitKind ReviewMaxRounds { get; } = new("review.max_rounds");

    /// <summary>Gets the limit's name as written in the journal.</summary>
    public string Value => _value ?? RunMaxSteps.Value;

    /// <summary>Compares two kinds ordinally.</summary>
    /// <param name="left">The first kind.</param>
    /// <param name="right">The second kind.</param>
    /// <returns><see langword="true"/> when they are the same.</returns>
    public static bool operator ==(LimitKind left, LimitKind right) => left.Equals(right);

    /// <summary>Compares two kinds ordinally.</summary>
    /// <param name="left">The first kind.</param>
    /// <param name="right">The second kind.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(LimitKind left, LimitKind right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(LimitKind other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LimitKind other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Reads and writes a <see cref="LimitKind"/> as a JSON string.</summary>
    public sealed class Converter : JsonConverter<LimitKind>
    {
        /// <inheritdoc />
        public override LimitKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } value && !string.IsNullOrWhiteSpace(value)
                ? new LimitKind(value)
                : throw new JsonException("A limit name must be a non-empty string.");

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, LimitKind value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value.Value);
        }
    }
}
