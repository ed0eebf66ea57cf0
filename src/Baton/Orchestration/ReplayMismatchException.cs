using System.Text;
using System.Text.Json;
using Baton.Journal;

namespace Baton.Orchestration;

/// <summary>
/// A resumed or replayed run did something other than what its journal recorded: the orchestration or a prompt
/// changed since the recording. The message says where and how.
/// </summary>
public sealed class ReplayMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReplayMismatchException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What differs.</param>
    public ReplayMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What differs.</param>
    /// <param name="innerException">The cause.</param>
    public ReplayMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a model request that differs from the recorded one, naming the first difference.</summary>
    /// <param name="recorded">The recorded call.</param>
    /// <param name="now">The call made now (its messages are compared with the recorded ones).</param>
    /// <returns>The exception, with a message such as "The prompt for agent writer changed at step 2 ...".</returns>
    public static ReplayMismatchException ForChangedPrompt(AgentCalled recorded, AgentCalled now)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(now);
        return new ReplayMismatchException(DescribePromptChange(recorded, now));
    }

    internal static void ThrowIfDifferent(JournalEvent recorded, JournalEvent now)
    {
        if (recorded.GetType() != now.GetType() || recorded.Step != now.Step || recorded.Agent != now.Agent)
        {
            throw new ReplayMismatchException(
                $"Run '{recorded.RunId}' diverged from its journal at event #{recorded.Sequence}: the journal holds {recorded.Kind} (step {recorded.Step}, agent '{recorded.Agent}') but the orchestration now writes {now.Kind} (step {now.Step}, agent '{now.Agent}'). The orchestration changed since the run was recorded; run it anew.");
        }

        switch ((recorded, now))
        {
            // A call recorded before Baton journaled its structured-output mechanism used an earlier prompt layout and
            // chat options (no output-token limit, no decision schema): it is matched by step and agent only.
            case (AgentCalled r, AgentCalled n) when r.StructuredOutput is not null && r.RequestHash != n.RequestHash:
                throw new ReplayMismatchException(DescribePromptChange(r, n));
            case (OutputRecorded r, OutputRecorded n) when r.Name != n.Name || !JsonElement.DeepEquals(r.Value, n.Value):
                throw new ReplayMismatchException(
                    $"Run '{recorded.RunId}': the output recorded by agent '{r.Agent}' at step {r.Step} changed: the journal holds '{r.Name}', the orchestration now writes '{n.Name}' with a different value.");
            case (HandoffRecorded r, HandoffRecorded n) when r.To != n.To:
                throw new ReplayMismatchException(
                    $"Run '{recorded.RunId}': at step {r.Step} the journal hands off to '{r.To}', the orchestration now hands off to '{n.To}'.");
            case (InputRequested r, InputRequested n) when r.Expects != n.Expects:
                throw new ReplayMismatchException(
                    $"Run '{recorded.RunId}': at step {r.Step} the journal asked '{r.Agent}' for {r.Expects}, the orchestration now asks for {n.Expects}.");
            default:
                break;
        }
    }

    private static string DescribePromptChange(AgentCalled recorded, AgentCalled now)
    {
        var sb = new StringBuilder();
        sb.Append("The prompt for agent ").Append(recorded.Agent).Append(" changed at step ").Append(recorded.Step)
          .Append(" (attempt ").Append(recorded.Attempt).Append(") of run '").Append(recorded.RunId).Append("': ");
        var count = Math.Max(recorded.Messages.Length, now.Messages.Length);
        for (var i = 0; i < count; i++)
        {
            var r = i < recorded.Messages.Length ? recorded.Messages[i] : null;
            var n = i < now.Messages.Length ? now.Messages[i] : null;
            if (r == n)
            {
                continue;
            }

            if (r is null || n is null)
            {
                sb.Append(r is null ? $"message {i + 1} ({n!.Role}) was added." : $"message {i + 1} ({r.Role}) was removed.");
                return sb.ToString();
            }

            sb.Append("message ").Append(i + 1).Append(" (").Append(r.Role).Append(") differs");
            var rLines = r.Text.Split('\n');
            var nLines = n.Text.Split('\n');
            for (var line = 0; line < Math.Max(rLines.Length, nLines.Length); line++)
            {
                var rl = line < rLines.Length ? rLines[line] : "<missing>";
                var nl = line < nLines.Length ? nLines[line] : "<missing>";
                if (rl != nl)
                {
                    sb.Append(" at line ").Append(line + 1).Append(": recorded \"").Append(Clip(rl)).Append("\", now \"").Append(Clip(nl)).Append("\".");
                    return sb.ToString();
                }
            }

            sb.Append('.');
            return sb.ToString();
        }

        sb.Append("the messages are the same but the chat options (model, temperature, response format) differ.");
        return sb.ToString();
    }

    private static string Clip(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 117), "...");
}
