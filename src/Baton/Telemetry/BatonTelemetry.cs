using System.Reflection;

namespace Baton.Telemetry;

/// <summary>
/// The names Baton's OpenTelemetry signals are published under: the <see cref="System.Diagnostics.ActivitySource"/>
/// and <see cref="System.Diagnostics.Metrics.Meter"/> names, the span names and the instrument names.
/// </summary>
/// <remarks>
/// Subscribe with <c>AddSource(BatonTelemetry.ActivitySourceName)</c> and <c>AddMeter(BatonTelemetry.MeterName)</c>
/// in the OpenTelemetry SDK. Spans follow the OpenTelemetry GenAI semantic conventions where they apply
/// (<c>invoke_workflow</c>, <c>invoke_agent</c>, <c>gen_ai.*</c> attributes); Baton-specific attributes are
/// prefixed <c>baton.</c>.
/// </remarks>
public static class BatonTelemetry
{
    /// <summary>The name of Baton's activity source.</summary>
    public const string ActivitySourceName = "Baton";

    /// <summary>The name of Baton's meter.</summary>
    public const string MeterName = "Baton";

    /// <summary>The <c>gen_ai.operation.name</c> of a run span (one per run).</summary>
    public const string InvokeWorkflowOperation = "invoke_workflow";

    /// <summary>The <c>gen_ai.operation.name</c> of an agent call span (one per model call an agent makes).</summary>
    public const string InvokeAgentOperation = "invoke_agent";

    /// <summary>The operation name of a handoff span (one per handoff; the agent calls of the step are its children).</summary>
    public const string HandoffOperation = "handoff";

    /// <summary>The name of the counter of handoffs (tagged with source and target agent).</summary>
    public const string HandoffsCounter = "baton.handoffs";

    /// <summary>The name of the counter of retries: middleware retries plus re-asks of a step (tagged with the agent).</summary>
    public const string RetriesCounter = "baton.retries";

    /// <summary>The name of the counter of calls or outputs served by a fallback (tagged with the agent and the path).</summary>
    public const string FallbacksCounter = "baton.fallbacks";

    /// <summary>The name of the counter of outputs rejected by validation (tagged with the agent).</summary>
    public const string ValidationFailuresCounter = "baton.validation.failures";

    /// <summary>The name of the counter of runs stopped by a guard (tagged with <c>baton.run.status</c>).</summary>
    public const string GuardStopsCounter = "baton.guard.stops";

    /// <summary>The name of the counter of ended runs (tagged with <c>baton.run.status</c>).</summary>
    public const string RunsCounter = "baton.runs";

    /// <summary>The name of the counter of tokens reported by the chat clients (tagged with <c>gen_ai.token.type</c> and the agent).</summary>
    public const string TokensCounter = "baton.tokens";

    /// <summary>The name of the histogram of step latency in seconds, from handoff to recorded output (tagged with the agent and the validation outcome).</summary>
    public const string StepDurationHistogram = "baton.step.duration";

    /// <summary>Gets the version the activity source and the meter report: Baton's assembly version.</summary>
    public static string Version { get; } =
        typeof(BatonTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(BatonTelemetry).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";
}
