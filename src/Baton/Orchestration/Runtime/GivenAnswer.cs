using Baton.Humans;

namespace Baton.Orchestration.Runtime;

/// <summary>A person's answer on its way into a waiting run: what they answered, who they are, and the question it answers.</summary>
/// <param name="Answer">The answer.</param>
/// <param name="Respondent">Who answered.</param>
/// <param name="Request">The sequence number of the <see cref="Journal.InputRequested"/> it answers.</param>
internal sealed record GivenAnswer(HumanAnswer Answer, string Respondent, long Request);
