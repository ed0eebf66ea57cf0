using System.Collections.Immutable;
using Baton.Humans;
using Microsoft.Extensions.AI;

namespace Baton.Agents;

/// <summary>
/// An agent: a name, instructions (its system prompt), the chat client it calls, the outputs it reads and the
/// output it writes.
/// </summary>
/// <remarks>
/// <para>An agent never sees another agent's raw reply: its prompt is built from its view of the
/// <see cref="Context.HandoffContext"/> (task, intent, constraints, completed steps, and the outputs in
/// <see cref="Reads"/>).</para>
/// <para>Instances are immutable and may be shared between runs and threads, as long as the chat client is
/// thread-safe (the Microsoft.Extensions.AI clients are).</para>
/// </remarks>
public sealed class Agent
{
    /// <summary>Creates an agent.</summary>
    /// <param name="name">The unique name of the agent in its orchestration (letters, digits, <c>-</c> and <c>_</c>).</param>
    /// <param name="client">The chat client the agent calls.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or has characters other than letters, digits, '-' and '_'.</exception>
    public Agent(string name, IChatClient client)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(client);
        if (!IsValidName(name))
        {
            throw new ArgumentException(
                $"Agent name '{name}' is not valid: use letters, digits, '-' and '_' only (for example 'researcher').", nameof(name));
        }

        Name = name;
        Client = client;
    }

    /// <summary>
    /// Creates an agent that a person answers: it stands wherever a model agent stands (a pipeline step, a
    /// supervisor's specialist, a review loop's reviewer or writer, a fallback), sees the same view and is held to the
    /// same output contract, but its turn asks the person and the run waits (<see cref="RunStatus.AwaitingInput"/>)
    /// until they answer.
    /// </summary>
    /// <param name="name">The unique name of the agent in its orchestration (letters, digits, <c>-</c> and <c>_</c>).</param>
    /// <param name="human">How the person is asked: the question, who, and how long the run waits.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or has characters other than letters, digits, '-' and '_'.</exception>
    public Agent(string name, HumanParticipant human)
        : this(name, HumanClient.Instance)
    {
        ArgumentNullException.ThrowIfNull(human);
        Human = human;
    }

    /// <summary>Gets the unique name of the agent in its orchestration.</summary>
    public string Name { get; }

    /// <summary>Gets the chat client the agent calls (for an agent a person answers, a client that refuses every call: its turns never call a model).</summary>
    public IChatClient Client { get; }

    /// <summary>Gets how the person who answers this agent is asked, or <see langword="null"/> for a model agent.</summary>
    public HumanParticipant? Human { get; }

    /// <summary>Gets the agent's instructions, sent as its system prompt.</summary>
    /// <value>The default is an empty string (no system prompt).</value>
    public string Instructions { get; init; } = string.Empty;

    /// <summary>Gets the names of the outputs the agent reads.</summary>
    /// <value>
    /// The default is <see langword="null"/>: in a sequential pipeline the previous step's output, elsewhere every
    /// output recorded so far. An empty array means the agent reads no outputs (it still sees task, intent,
    /// constraints and completed steps).
    /// </value>
    public ImmutableArray<string>? Reads { get; init; }

    /// <summary>Gets the name of the output the agent writes.</summary>
    /// <value>The default is <see langword="null"/>, which means the agent's <see cref="Name"/>.</value>
    public string? Writes { get; init; }

    /// <summary>Gets the name of the output the agent writes: <see cref="Writes"/> or, when unset, <see cref="Name"/>.</summary>
    public string OutputName => Writes ?? Name;

    /// <summary>Gets how the agent's reply becomes its output.</summary>
    /// <value>The default is <see cref="AgentOutputFormat.Text"/>.</value>
    public AgentOutputFormat OutputFormat { get; init; } = AgentOutputFormat.Text;

    /// <summary>Gets the chat options sent with every call (model id, temperature, response format), if any.</summary>
    /// <value>The default is <see langword="null"/>. Never mutated: each kind of turn sends a copy with the output-token limit and structured output added.</value>
    public ChatOptions? ChatOptions { get; init; }

    /// <summary>Gets the most tokens the model may generate for one reply of this agent, sent as <c>ChatOptions.MaxOutputTokens</c> on every call.</summary>
    /// <value>
    /// The default is <see langword="null"/>: the agent's <see cref="ChatOptions"/>' own limit if it sets one, else the
    /// role's default: <see cref="BatonDefaults.AgentMaxOutputTokens"/> (2048) for an agent's turn,
    /// <see cref="BatonDefaults.SupervisorMaxOutputTokens"/> (512) for a supervisor's decision,
    /// <see cref="BatonDefaults.ReviewerMaxOutputTokens"/> (1024) for a reviewer's verdict. A reply cut by the limit is
    /// journaled as truncated and, where JSON is expected, treated as an unusable reply and re-asked.
    /// </value>
    public int? MaxOutputTokens
    {
        get;
        init
        {
            if (value is { } v)
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(v);
            }

            field = value;
        }
    }

    /// <summary>Gets a one-line description of what the agent does, shown to supervisors choosing between agents.</summary>
    /// <value>The default is <see langword="null"/>: the first line of <see cref="Instructions"/> is shown.</value>
    public string? Description { get; init; }

    /// <summary>Gets the contract the agent's output must satisfy, if any. With a contract the output is JSON and is validated before it is recorded.</summary>
    /// <value>The default is <see langword="null"/> (no contract; text or JSON per <see cref="OutputFormat"/>).</value>
    public Validation.OutputContract? Contract { get; init; }

    /// <summary>Gets how many times the agent is asked again, with the exact errors, after an unusable or invalid reply.</summary>
    /// <value>The default is <see cref="BatonDefaults.MaxReasks"/> (2: at most three attempts per step). Zero disables re-asks.</value>
    public int MaxReasks
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            field = value;
        }
    } = BatonDefaults.MaxReasks;

    /// <summary>Gets what produces the output when the agent fails or its re-asks are spent, if anything: <see cref="Baton.Fallback.ToAgent"/> or <see cref="Baton.Fallback.FixedAnswer(string)"/>.</summary>
    /// <value>The default is <see langword="null"/> (like <see cref="Baton.Fallback.Fail"/>): the step fails.</value>
    public Fallback? Fallback { get; init; }

    /// <summary>Gets the most tokens the agent's prompt (instructions plus view) may have; a larger view is compressed first.</summary>
    /// <value>The default is <see langword="null"/>: no budget. Task, intent and constraints are never compressed.</value>
    public int? ContextBudget
    {
        get;
        init
        {
            if (value is { } v)
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(v);
            }

            field = value;
        }
    }

    /// <summary>Gets how the agent's view is compressed when it exceeds <see cref="ContextBudget"/>.</summary>
    /// <value>The default is <see langword="null"/>: the runner's <c>HandoffRunnerOptions.ContextCompressor</c>.</value>
    public Compression.IContextCompressor? ContextCompressor { get; init; }

    /// <summary>Gets or sets the reader of this agent's output, built once (the agent is immutable).</summary>
    internal Orchestration.Turns.OutputReader? OutputReader { get; set; }

    /// <summary>Gets or sets the options of this agent's most recent kind of turn, built once and reused (the agent is immutable).</summary>
    internal CachedTurnOptions? TurnOptions { get; set; }

    /// <inheritdoc />
    public override string ToString() => Human is null ? $"Agent '{Name}' -> '{OutputName}'" : $"Person '{Name}' -> '{OutputName}'";

    internal static bool IsValidName(string name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return false;
            }
        }

        return name.Length > 0;
    }

    /// <summary>A kind of turn's call options: for a requested response format and output-token default.</summary>
    /// <param name="Format">The structured output requested.</param>
    /// <param name="DefaultMaxOutputTokens">The role's output-token default.</param>
    /// <param name="Options">The options sent.</param>
    internal sealed record CachedTurnOptions(ChatResponseFormat? Format, int DefaultMaxOutputTokens, ChatOptions Options);
}
