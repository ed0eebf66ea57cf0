namespace Baton;

/// <summary>
/// Every default value Baton uses, in one place: the options' <c>&lt;value&gt;</c> docs refer here, and tools that
/// build orchestrations from other sources (the spec compiler) read these instead of repeating them.
/// </summary>
public static class BatonDefaults
{
    /// <summary>The run-wide step limit (<see cref="Guards.RunLimits.MaxSteps"/>): 25.</summary>
    public const int RunMaxSteps = 25;

    /// <summary>The run's deadline in minutes (<see cref="Guards.RunLimits.Deadline"/>): 10.</summary>
    public const int RunDeadlineMinutes = 10;

    /// <summary>How many times an agent is re-asked after an unusable reply (<see cref="Agents.Agent.MaxReasks"/>): 2.</summary>
    public const int MaxReasks = 2;

    /// <summary>The output-token limit of an agent's turn when <see cref="Agents.Agent.MaxOutputTokens"/> is unset: 2048.</summary>
    public const int AgentMaxOutputTokens = 2048;

    /// <summary>The output-token limit of a supervisor's decision when its agent's <see cref="Agents.Agent.MaxOutputTokens"/> is unset: 512 (a decision is one short JSON object).</summary>
    public const int SupervisorMaxOutputTokens = 512;

    /// <summary>The output-token limit of a reviewer's verdict when its agent's <see cref="Agents.Agent.MaxOutputTokens"/> is unset: 1024 (a verdict and its feedback, not a draft).</summary>
    public const int ReviewerMaxOutputTokens = 1024;

    /// <summary>How many specialist steps a supervisor may route before its step limit (<see cref="Orchestration.Supervisor.SupervisorOptions.MaxSteps"/>): 5.</summary>
    public const int SupervisorMaxSteps = 5;

    /// <summary>How many times a supervisor is re-asked after an unusable decision (<see cref="Orchestration.Supervisor.SupervisorOptions.MaxDecisionReasks"/>): 2.</summary>
    public const int MaxDecisionReasks = 2;

    /// <summary>The longest routing cycle loop detection looks for (<see cref="Orchestration.Supervisor.SupervisorOptions.MaxLoopCycleLength"/>): 3.</summary>
    public const int MaxLoopCycleLength = 3;

    /// <summary>How many characters of each specialist's output a supervisor sees (<see cref="Orchestration.Supervisor.SupervisorOptions.MaxOutputPreviewChars"/>): 400.</summary>
    public const int MaxOutputPreviewChars = 400;

    /// <summary>The output a supervisor's note for a nested orchestration is recorded under (<see cref="Orchestration.Supervisor.SupervisorOptions.NoteOutput"/>): <c>supervisor_note</c>.</summary>
    public const string SupervisorNoteOutput = "supervisor_note";

    /// <summary>The number of write-and-review rounds (<see cref="Orchestration.Review.ReviewLoopOptions.MaxRounds"/>): 3.</summary>
    public const int ReviewMaxRounds = 3;

    /// <summary>How many hex characters of a handoff's payload digest go on telemetry spans (<see cref="Telemetry.BatonTelemetryOptions.DigestLength"/>): 16.</summary>
    public const int TelemetryDigestLength = 16;

    /// <summary>The most characters a person's answer may have (<c>HandoffRunner.ProvideInputAsync</c>): 1,048,576.</summary>
    public const int HumanAnswerMaxChars = 1_048_576;

    /// <summary>The most characters of the name or id of who answered (<c>HandoffRunner.ProvideInputAsync</c>): 200.</summary>
    public const int RespondentMaxChars = 200;

    /// <summary>How many times a failed model call is retried (<see cref="Resilience.ChatResilienceOptions.MaxRetries"/>): 3.</summary>
    public const int ChatMaxRetries = 3;

    /// <summary>Gets the run's deadline (<see cref="Guards.RunLimits.Deadline"/>): <see cref="RunDeadlineMinutes"/> minutes.</summary>
    public static TimeSpan RunDeadline { get; } = TimeSpan.FromMinutes(RunDeadlineMinutes);

    /// <summary>Gets the delay before a model call's first retry (<see cref="Resilience.ChatResilienceOptions.BaseDelay"/>): 1 second.</summary>
    public static TimeSpan ChatBaseDelay { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the longest backoff between a model call's retries (<see cref="Resilience.ChatResilienceOptions.MaxDelay"/>): 30 seconds.</summary>
    public static TimeSpan ChatMaxDelay { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the longest <c>Retry-After</c> a model call waits for (<see cref="Resilience.ChatResilienceOptions.MaxRetryAfter"/>): 60 seconds.</summary>
    public static TimeSpan ChatMaxRetryAfter { get; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets the most one model-call attempt may take (<see cref="Resilience.ChatResilienceOptions.AttemptTimeout"/>): 100 seconds.</summary>
    public static TimeSpan ChatAttemptTimeout { get; } = TimeSpan.FromSeconds(100);
}
