using System.Collections.Immutable;
using System.Text.Json;
using Baton.Agents;
using Baton.Context;

namespace Baton.Testing;

/// <summary>
/// A test of one handoff: the agent that receives it (agent N), the contract its output must meet and the checks
/// its output must pass. Run it against fixtures of what agent N-1 produces with <see cref="HandoffTestRunner"/>.
/// </summary>
/// <remarks>Immutable: <see cref="Check"/> and <see cref="CheckRun"/> returns a copy. Safe to share.</remarks>
public sealed class HandoffTest
{
    private HandoffTest(Agent agent, Func<JsonElement, string?>? contract, ImmutableArray<NamedCheck> checks)
    {
        Agent = agent;
        Contract = contract;
        Checks = checks;
    }

    /// <summary>Creates a test of the handoff to <paramref name="agent"/>.</summary>
    /// <param name="agent">The agent under test, with the client it should be tested against (scripted, replaying or real).</param>
    public HandoffTest(Agent agent)
        : this(agent ?? throw new ArgumentNullException(nameof(agent)), null, [])
    {
    }

    /// <summary>Gets the agent under test.</summary>
    public Agent Agent { get; }

    /// <summary>Gets the contract check of the agent's output: returns why the value breaks the contract, or <see langword="null"/> when it meets it.</summary>
    /// <value>The default is <see langword="null"/>: the agent's own <see cref="Agent.Contract"/> is checked, when it has one.</value>
    public Func<JsonElement, string?>? Contract { get; }

    /// <summary>Gets the named checks every fixture's run must pass.</summary>
    public ImmutableArray<NamedCheck> Checks { get; }

    /// <summary>Returns a copy with a contract check of the agent's output.</summary>
    /// <param name="contract">Returns why a value breaks the contract, or <see langword="null"/> when it meets it.</param>
    /// <returns>The updated copy.</returns>
    public HandoffTest WithContract(Func<JsonElement, string?> contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return new HandoffTest(Agent, contract, Checks);
    }

    /// <summary>Returns a copy with a check on each fixture's run.</summary>
    /// <param name="name">The check's name, shown when it fails.</param>
    /// <param name="check">Returns why the run fails the check, or <see langword="null"/> when it passes. An exception it throws (an xunit assertion, say) fails the check with its message.</param>
    /// <returns>The updated copy.</returns>
    public HandoffTest CheckRun(string name, Func<HandoffTestCase, string?> check)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(check);
        return new HandoffTest(Agent, Contract, Checks.Add(new NamedCheck(name, check)));
    }

    /// <summary>Returns a copy with a check on the agent's output, applied whenever the agent recorded one.</summary>
    /// <param name="name">The check's name, shown when it fails.</param>
    /// <param name="check">Returns why the output fails the check, or <see langword="null"/> when it passes.</param>
    /// <returns>The updated copy.</returns>
    public HandoffTest Check(string name, Func<HandoffOutput, string?> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return CheckRun(name, c => c.Output is { } output ? check(output) : null);
    }

    /// <summary>Runs the test on fixtures with a default <see cref="HandoffTestRunner"/>.</summary>
    /// <param name="fixtures">The fixtures.</param>
    /// <param name="cancellationToken">A token to cancel the test.</param>
    /// <returns>The report.</returns>
    public Task<HandoffTestReport> RunAsync(IEnumerable<HandoffFixture> fixtures, CancellationToken cancellationToken = default) =>
        new HandoffTestRunner().RunAsync(this, fixtures, cancellationToken);

    /// <summary>A check with the name shown when it fails.</summary>
    /// <param name="Name">The check's name.</param>
    /// <param name="Evaluate">Returns why the run fails the check, or <see langword="null"/>.</param>
    public sealed record NamedCheck(string Name, Func<HandoffTestCase, string?> Evaluate);
}
