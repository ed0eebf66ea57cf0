using Baton.Humans;
using Baton.Journal;

namespace Baton.Cli.Commands;

/// <summary>An answer <c>baton answer --cluster</c> gives: to which cluster and run, for which question, by whom.</summary>
internal sealed record ClusterAnswer(string ConnectionString, string ClusterId, string RunId, InputRequested Question, HumanAnswer Answer, string Respondent);
