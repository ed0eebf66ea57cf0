using System.Collections.Immutable;
using System.Text.Json;
using Baton.Context;
using Baton.Journal;
using Baton.Orchestration;

namespace Baton.Testing;

/// <summary>
/// Runs a <see cref="HandoffTest"/>: for each fixture, only the agent under test runs, in a one-step pipeline whose
/// initial context holds the fixture's upstream outputs; its output is checked against the expected status, the
/// agent's contract, the fixture's expectations and the test's checks.
/// </summary>
/// <remarks>
/// Fixtures run one after another, in order, so a scripted client answers them deterministically. Each fixture is a
/// separate, fully journaled run. A fixture that fails never stops the others.
/// </remarks>
public sealed class HandoffTestRunner
{
    private readonly HandoffTestOptions _options;

    /// <summary>Creates a runner.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    public HandoffTestRunner(HandoffTestOptions? options = null)
    {
        _options = options ?? new HandoffTestOptions();
    }

    /// <summary>Runs a test on fixtures.</summary>
    /// <param name="test">The test.</param>
    /// <param name="fixtures">The fixtures (hand-written and generated).</param>
    /// <param name="cancellationToken">A token to cancel the test.</param>
    /// <returns>The report: one result per fixture.</returns>
    /// <exception cref="ArgumentException">There are no fixtures, or two share a name.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<HandoffTestReport> RunAsync(HandoffTest test, IEnumerable<HandoffFixture> fixtures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(fixtures);
        var list = fixtures.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("No fixtures to run. Load them with HandoffFixtures.LoadDirectory or create them with HandoffFixture.Create.", nameof(fixtures));
        }

        if (list.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new ArgumentException($"Two fixtures are named '{duplicate.Key}'. Give each fixture a unique name: the report has one line per fixture.", nameof(fixtures));
        }

        var runnerOptions = new HandoffRunnerOptions
        {
            Store = _options.Store ?? new InMemoryRunStore(),
            TimeProvider = _options.TimeProvider,
            Limits = _options.Limits,
        };
        foreach (var observer in _options.Observers)
        {
            runnerOptions.Observers.Add(observer);
        }

        var runner = new HandoffRunner(runnerOptions);
        var results = ImmutableArray.CreateBuilder<HandoffFixtureResult>(list.Count);
        foreach (var fixture in list)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(await RunFixtureAsync(runner, test, fixture, cancellationToken).ConfigureAwait(false));
        }

        return new HandoffTestReport(test.Agent.Name, results.MoveToImmutable());
    }

    private async Task<HandoffFixtureResult> RunFixtureAsync(HandoffRunner runner, HandoffTest test, HandoffFixture fixture, CancellationToken cancellationToken)
    {
        var agent = test.Agent;
        var missing = agent.Reads is { } declared ? declared.Where(r => !fixture.Outputs.ContainsKey(r)).ToList() : [];
        if (missing.Count > 0 && !fixture.AllowMissingInputs)
        {
            return new HandoffFixtureResult
            {
                Fixture = fixture.Name,
                EdgeCase = fixture.EdgeCase,
                Status = RunStatus.Failed,
                Reason = "The fixture was not run.",
                Failures = [$"{fixture} has no output {string.Join(", ", missing.Select(m => $"'{m}'"))}, which agent '{agent.Name}' reads (Agent.Reads). Add it under \"outputs\"."],
            };
        }

        var context = HandoffContext.Create(fixture.Task, fixture.Intent, fixture.Constraints);
        var now = _options.TimeProvider.GetUtcNow();
        foreach (var (name, value) in fixture.Outputs)
        {
            context = context.WithOutput(new HandoffOutput { Name = name, Value = value, ProducedBy = fixture.From, Step = 0, Timestamp = now });
        }

        // The fixture's outputs are the pipeline's declared inputs. Missing inputs (allowed for edge cases) are
        // dropped from the reads so the pipeline validates; the agent sees what is there.
        ImmutableArray<string>? reads = agent.Reads is { } r ? [.. r.Where(fixture.Outputs.ContainsKey)] : null;
        var pipeline = new SequentialPipeline($"handoff-test-{agent.Name}", [new AgentStep(agent, reads)], fixture.Outputs.Keys);
        var result = await runner.RunAsync(pipeline, context, cancellationToken: cancellationToken).ConfigureAwait(false);
        var output = result.Context.Outputs.TryGetValue(agent.OutputName, out var o) && o.Step > 0 ? o : null;
        var failures = Evaluate(test, fixture, result, output);
        var steps = StepProjection.FromJournal(result.Journal).Steps;
        return new HandoffFixtureResult
        {
            Fixture = fixture.Name,
            EdgeCase = fixture.EdgeCase,
            Failures = failures,
            Status = result.Status,
            Reason = result.Reason,
            RunId = result.RunId,
            Output = output,
            InputTokens = result.InputTokens,
            OutputTokens = result.OutputTokens,
            ValidationFailures = steps.Sum(s => s.ValidationFailures),
            LatencyMs = steps.Sum(s => s.LatencyMs),
        };
    }

    private static ImmutableArray<string> Evaluate(HandoffTest test, HandoffFixture fixture, RunResult result, HandoffOutput? output)
    {
        var failures = ImmutableArray.CreateBuilder<string>();
        var expect = fixture.Expect ?? new HandoffExpectation();
        if (result.Status != expect.Status)
        {
            failures.Add($"expected the run to end {expect.Status}, it ended {result.Status}: {result.Reason}");
        }

        if (output is not null)
        {
            if (ContractCheck(test) is { } contract && Safely(() => contract(output.Value)) is { } violation)
            {
                failures.Add($"contract: {violation}");
            }

            var text = output.ToText();
            foreach (var expected in expect.Contains.Where(e => !text.Contains(e, StringComparison.Ordinal)))
            {
                failures.Add($"output does not contain \"{expected}\"");
            }

            foreach (var forbidden in expect.NotContains.Where(e => text.Contains(e, StringComparison.OrdinalIgnoreCase)))
            {
                failures.Add($"output contains \"{forbidden}\", which it must not");
            }

            if (expect.Output is { } shape && JsonSubset.Mismatch(shape, output.Value) is { } mismatch)
            {
                failures.Add($"output: {mismatch}");
            }
        }

        var testCase = new HandoffTestCase(fixture, result, output);
        foreach (var check in test.Checks)
        {
            if (Safely(() => check.Evaluate(testCase)) is { } reason)
            {
                failures.Add($"{check.Name}: {reason}");
            }
        }

        return failures.ToImmutable();
    }

    /// <summary>The test's own contract check, or else the agent's output contract.</summary>
    private static Func<JsonElement, string?>? ContractCheck(HandoffTest test)
    {
        if (test.Contract is { } explicitCheck)
        {
            return explicitCheck;
        }

        if (test.Agent.Contract is not { } contract)
        {
            return null;
        }

        return value =>
        {
            var result = contract.Validate(value);
            return result.IsValid ? null : $"'{contract.Name}': {string.Join("; ", result.Errors)}";
        };
    }

    private static string? Safely(Func<string?> check)
    {
        try
        {
            return check();
        }
#pragma warning disable CA1031 // A check that throws (an assertion library, a bug) fails its fixture, not the whole test.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return $"{ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}";
        }
    }
}
