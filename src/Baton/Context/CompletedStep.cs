namespace Baton.Context;

/// <summary>One finished step of the work, as every later agent sees it in its context.</summary>
/// <param name="Step">The 1-based step number.</param>
/// <param name="Agent">The agent that did the step.</param>
/// <param name="Summary">A one-line account of what the step produced.</param>
public sealed record CompletedStep(int Step, string Agent, string Summary);
