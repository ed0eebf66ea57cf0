namespace Baton.Humans;

/// <summary>
/// How a person is asked when they stand where an agent stands (<see cref="Agents.Agent(string, HumanParticipant)"/>):
/// the question, who is asked, and how long the run waits before the agent's fallback applies.
/// </summary>
/// <remarks>
/// <para>A person's turn is an agent turn: they get the same view an agent gets (task, intent, constraints, the
/// outputs they read, the note for the turn) and their answer is read and validated like a model's reply, against the
/// same output contract. Instead of a model call the turn journals an <see cref="Journal.InputRequested"/> event and
/// the run ends its execution with <see cref="RunStatus.AwaitingInput"/>; an answer given through
/// <c>HandoffRunner.ProvideInputAsync</c> is journaled as <see cref="Journal.InputProvided"/> and continues the run.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record HumanParticipant
{
    /// <summary>Gets the question the person is asked (shown above the view of the context).</summary>
    public required string Question
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            field = value;
        }
    }

    /// <summary>Gets who is asked: a person, a group or a queue name the application understands (its notifier routes on it).</summary>
    /// <value>The default is <see langword="null"/>: the agent's name.</value>
    public string? Assignee { get; init; }

    /// <summary>Gets how long the run waits for the answer; when it passes, the agent's <see cref="Agents.Agent.Fallback"/> applies.</summary>
    /// <value>The default is <see langword="null"/>: the run waits until it is answered. When set, it must be positive.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan? Timeout
    {
        get;
        init
        {
            if (value is { } timeout)
            {
                ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(Timeout));
            }

            field = value;
        }
    }
}
