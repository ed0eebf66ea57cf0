namespace Baton.Orchestration.Supervisor;

/// <summary>Why a supervisor's reply is not a usable decision, in a form the supervisor can be re-asked with.</summary>
/// <param name="Kind">The kind of problem.</param>
/// <param name="Message">What is wrong and how to fix it, naming the field and the allowed names.</param>
internal sealed record SupervisorDecisionError(SupervisorDecisionErrorKind Kind, string Message);
