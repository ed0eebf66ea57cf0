using System.Net;
using Baton.Agents;
using Baton.Context;
using Baton.Guards;
using Baton.Journal;
using Baton.Orchestration;
using Baton.Testing;
using Baton.Tests.Validation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Tests.Resilience;

public class FaultSoakTests
{
    private const string InvalidMarker = "INVALID-7f3a";

    [Fact]
    public async Task Soak_1000SeededRunsWithRandomFaults_NoInvalidOutputForwardedAndEveryRunEndsWithinLimits()
    {
        var time = new FakeTimeProvider();
        var contract = OutputContractTests.FactsContract;
        var limits = new RunLimits { MaxSteps = 10, Deadline = TimeSpan.FromMinutes(5) };
        var runner = new HandoffRunner(new HandoffRunnerOptions { TimeProvider = time, Limits = limits });
        int completed = 0, failed = 0, transientFaults = 0, invalidReplies = 0, retries = 0, reasks = 0, fallbacks = 0, calls = 0;

        for (var seed = 0; seed < 1000; seed++)
        {
            var random = new Random(seed);
            var model = new ScriptedChatClient((request, _) =>
            {
                Interlocked.Increment(ref calls);
                var roll = random.NextDouble();
                if (roll < 0.20)
                {
                    Interlocked.Increment(ref transientFaults);
                    throw TransientFault(random.Next(5));
                }

                if (roll < 0.25)
                {
                    Interlocked.Increment(ref invalidReplies);
                    return Task.FromResult(Reply(random.Next(3) switch
                    {
                        0 => $$"""{"facts":[{"text":"{{InvalidMarker}}"}]}""",
                        1 => $"{InvalidMarker} not json {{",
                        _ => string.Empty,
                    }));
                }

                return Task.FromResult(Reply($$"""{"facts":[{"text":"fact from {{request.Role}}","source":"seed {{seed}}"}]}"""));
            });
            var client = new ChatClientBuilder(model)
                .UseBatonResilience(o => { o.TimeProvider = time; o.BaseDelay = TimeSpan.Zero; o.MaxDelay = TimeSpan.Zero; o.AttemptTimeout = null; })
                .Build();
            var fixedAnswer = Fallback.FixedAnswer(System.Text.Json.JsonDocument.Parse("""{"facts":[{"text":"unknown","source":"fallback"}]}""").RootElement);
            var pipeline = Pipeline.Sequential(
                "soak",
                new Agent("researcher", client) { Contract = contract, Writes = "research" },
                new Agent("analyst", client) { Contract = contract, Writes = "analysis", Fallback = fixedAnswer },
                new Agent("writer", client) { Contract = contract, Writes = "brief", Reads = ["research", "analysis"] });

            var result = await runner.RunAsync(pipeline, HandoffContext.Create($"soak task {seed}", "soak intent"), cancellationToken: TestContext.Current.CancellationToken);

            Assert.True(result.Status is RunStatus.Completed or RunStatus.Failed, $"seed {seed}: {result.Status} {result.Reason}");
            var state = RunState.FromEvents(result.Journal);
            Assert.True(state.IsEnded);
            Assert.InRange(state.StepCount, 1, limits.MaxSteps);
            foreach (var step in result.Journal.OfType<AgentCalled>().GroupBy(c => c.Step))
            {
                Assert.InRange(step.Count(), 1, 6);
            }

            foreach (var output in result.Journal.OfType<OutputRecorded>())
            {
                Assert.True(contract.Validate(output.Value).IsValid, $"seed {seed}: invalid output '{output.Name}' was recorded");
            }

            foreach (var call in result.Journal.OfType<AgentCalled>().Where(c => c.Attempt == 1))
            {
                Assert.DoesNotContain(InvalidMarker, call.Messages[^1].Text, StringComparison.Ordinal);
            }

            if (result.Status == RunStatus.Failed)
            {
                // Only the expected failure paths, never an orchestration crash.
                Assert.True(
                    result.Reason!.Contains("failed at step", StringComparison.Ordinal) || result.Reason.Contains("on all 3 attempts", StringComparison.Ordinal),
                    $"seed {seed}: unexpected failure: {result.Reason}");
                failed++;
            }
            else
            {
                completed++;
            }

            retries += result.Journal.OfType<AgentAnswered>().Sum(a => a.Retries);
            reasks += result.Journal.OfType<ValidationFailed>().Count(v => v.Next == "reask");
            fallbacks += result.Journal.OfType<FallbackUsed>().Count();
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"1000 runs: {completed} completed, {failed} failed; {calls} model calls, {transientFaults} transient faults, {invalidReplies} invalid replies, {retries} retries, {reasks} re-asks, {fallbacks} fallbacks.");
        Assert.Equal(1000, completed + failed);
        Assert.True(transientFaults > 0 && invalidReplies > 0 && retries > 0 && reasks > 0);
        Assert.True(completed >= 990, $"only {completed} of 1000 runs completed");
    }

    private static ChatResponse Reply(string text) => new(new ChatMessage(ChatRole.Assistant, text));

    private static Exception TransientFault(int kind) => kind switch
    {
        0 => ResilientChatClientTests.Http(HttpStatusCode.TooManyRequests, retryAfter: "0"),
        1 => new HttpRequestException("server error", null, HttpStatusCode.InternalServerError),
        2 => new HttpRequestException("unavailable", null, HttpStatusCode.ServiceUnavailable),
        3 => new HttpRequestException("overloaded", null, (HttpStatusCode)529),
        _ => new TimeoutException("the call timed out"),
    };
}
