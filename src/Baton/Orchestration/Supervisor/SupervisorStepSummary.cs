namespace Baton.Orchestration.Supervisor;

/// <summary>What one routed step did, as the supervisor sees it in its next prompt.</summary>
/// <param name="Step">The step number of the specialist's (last) turn.</param>
/// <param name="Target">The specialist routed to.</param>
/// <param name="Note">The context the supervisor gave it.</param>
/// <param name="OutputName">The specialist's result output, if it wrote one.</param>
/// <param name="Preview">The start of that output (clipped), if any.</param>
internal sealed record SupervisorStepSummary(int Step, string Target, string Note, string? OutputName, string? Preview);
