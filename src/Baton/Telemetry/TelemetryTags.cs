namespace Baton.Telemetry;

/// <summary>Attribute names on Baton's spans and metrics.</summary>
internal static class TelemetryTags
{
    public const string OperationName = "gen_ai.operation.name";
    public const string AgentName = "gen_ai.agent.name";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string RequestModel = "gen_ai.request.model";
    public const string ResponseModel = "gen_ai.response.model";
    public const string FinishReasons = "gen_ai.response.finish_reasons";
    public const string InputMessages = "gen_ai.input.messages";
    public const string OutputMessages = "gen_ai.output.messages";
    public const string SystemInstructions = "gen_ai.system_instructions";
    public const string TokenType = "gen_ai.token.type";
    public const string ErrorType = "error.type";

    public const string RunId = "baton.run.id";
    public const string Orchestration = "baton.orchestration";
    public const string RunStatus = "baton.run.status";
    public const string RunReason = "baton.run.reason";
    public const string RunResumed = "baton.run.resumed";
    public const string RunSteps = "baton.run.steps";
    public const string RunTask = "baton.run.task";
    public const string RunIntent = "baton.run.intent";
    public const string MaxSteps = "baton.limits.max_steps";
    public const string TokenBudget = "baton.limits.token_budget";
    public const string Step = "baton.step";
    public const string Attempt = "baton.attempt";
    public const string RequestHash = "baton.request.hash";
    public const string ServedBy = "baton.served_by";
    public const string Retries = "baton.retries";
    public const string ContextTokens = "baton.context.tokens";
    public const string ContextTokensEstimated = "baton.context.tokens_estimated";

    public const string HandoffSource = "baton.handoff.source";
    public const string HandoffTarget = "baton.handoff.target";
    public const string HandoffOutputs = "baton.handoff.outputs";
    public const string HandoffDigest = "baton.handoff.payload.digest";
    public const string HandoffPayload = "baton.handoff.payload";
    public const string HandoffNote = "baton.handoff.note";
    public const string HandoffRetries = "baton.handoff.retries";
    public const string HandoffFallbacks = "baton.handoff.fallbacks";
    public const string HandoffValidationFailures = "baton.handoff.validation_failures";
    public const string ValidationOutcome = "baton.validation.outcome";
    public const string OutputName = "baton.output.name";
    public const string OutputVia = "baton.output.via";
}
