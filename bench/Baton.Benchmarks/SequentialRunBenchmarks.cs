using BenchmarkDotNet.Attributes;
using Baton.Orchestration;
using Microsoft.Agents.AI;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.AI;
using BatonAgent = Baton.Agents.Agent;
using BatonOrchestration = Baton.Orchestration.Orchestration;

namespace Baton.Benchmarks;

/// <summary>
/// One 3-agent sequential run (researcher -> writer -> editor) over instant fake models: Baton's
/// <see cref="HandoffRunner"/> against Microsoft Agent Framework's sequential workflow, on the same clients.
/// </summary>
[MemoryDiagnoser]
public class SequentialRunBenchmarks
{
    private const string Task = "Summarise how climate change affects wheat farming.";

    private static readonly (string Name, string Instructions, string Reply)[] s_roles =
    [
        ("researcher", "You are a research specialist. List the key facts.", "Warming cuts wheat yields by about 6% per degree; droughts are more frequent."),
        ("writer", "You are a writer. Turn the research into a short paragraph.", "Climate change is shrinking wheat harvests as heat and drought grow."),
        ("editor", "You are an editor. Return only the edited text.", "Climate change shrinks wheat harvests: more heat, more drought."),
    ];

    private InstantChatClient[] _clients = [];
    private BatonOrchestration _pipeline = null!;
    private Workflow _workflow = null!;

    [GlobalSetup]
    public void Setup()
    {
        _clients = [.. s_roles.Select(r => new InstantChatClient(r.Reply))];

        var batonAgents = s_roles.Select((r, i) => new BatonAgent(r.Name, _clients[i]) { Instructions = r.Instructions }).ToArray();
        _pipeline = Pipeline.Sequential("article", batonAgents[0], batonAgents[1], batonAgents[2]);

        var frameworkAgents = s_roles.Select((r, i) => new ChatClientAgent(_clients[i], r.Instructions, r.Name)).ToArray();
        _workflow = AgentWorkflowBuilder.BuildSequential("article", frameworkAgents);

        // A benchmark that does not do the work is worthless: prove each side calls every model exactly once per run.
        SanityCheck("Baton", () => BatonRun().GetAwaiter().GetResult());
        SanityCheck("AgentFramework", () => AgentFrameworkRun().GetAwaiter().GetResult());
        SanityCheck("AgentFramework (emit events)", () => AgentFrameworkStreamingRun().GetAwaiter().GetResult());
    }

    /// <summary>Agent Framework: <c>AgentWorkflowBuilder.BuildSequential</c> run in process until its output.</summary>
    /// <remarks><c>emitEvents: false</c> runs each agent non-streaming (like Baton) without per-update events: AF's lighter mode.</remarks>
    [Benchmark(Baseline = true, Description = "AgentFramework_Sequential")]
    public Task<string> AgentFrameworkRun() => RunWorkflowAsync(emitEvents: false);

    /// <summary>The same workflow as its samples run it: streaming agents that emit update events.</summary>
    [Benchmark(Description = "AgentFramework_Sequential_EmitEvents")]
    public Task<string> AgentFrameworkStreamingRun() => RunWorkflowAsync(emitEvents: true);

    private async Task<string> RunWorkflowAsync(bool emitEvents)
    {
        List<ChatMessage> input = [new(ChatRole.User, Task)];
        await using var run = await InProcessExecution.RunStreamingAsync(_workflow, input).ConfigureAwait(false);
        await run.TrySendMessageAsync(new TurnToken(emitEvents)).ConfigureAwait(false);
        string? result = null;
        await foreach (var evt in run.WatchStreamAsync().ConfigureAwait(false))
        {
            switch (evt)
            {
                case WorkflowOutputEvent output:
                    result = output.As<List<ChatMessage>>()?[^1].Text;
                    break;
                case WorkflowErrorEvent error:
                    throw new InvalidOperationException("The workflow failed.", error.Exception);
                case ExecutorFailedEvent failed:
                    throw new InvalidOperationException($"Executor '{failed.ExecutorId}' failed: {failed.Data}");
                default:
                    break;
            }
        }

        return result ?? throw new InvalidOperationException("The workflow ended without output.");
    }

    /// <summary>Baton: a <see cref="HandoffRunner"/> with default options (in-memory journal), a fresh run each time.</summary>
    [Benchmark(Description = "Baton_Sequential")]
    public async Task<string> BatonRun()
    {
        var runner = new HandoffRunner();
        var result = await runner.RunAsync(_pipeline, Task).ConfigureAwait(false);
        return result.IsCompleted && result.FinalText is { } text
            ? text
            : throw new InvalidOperationException($"The Baton run did not complete: {result}");
    }

    private void SanityCheck(string side, Func<string> run)
    {
        foreach (var client in _clients)
        {
            client.Reset();
        }

        var final = run();
        var calls = _clients.Select(c => c.Calls).ToArray();
        if (calls.Any(c => c != 1))
        {
            throw new InvalidOperationException($"{side}: expected each of the 3 fake models to be called once per run, got [{string.Join(", ", calls)}].");
        }

        if (final != _clients[^1].Reply)
        {
            throw new InvalidOperationException($"{side}: expected the editor's reply as the final output, got '{final}'.");
        }

        Console.WriteLine($"// Sanity check {side}: 3 model calls, final output = editor's reply.");
    }
}
